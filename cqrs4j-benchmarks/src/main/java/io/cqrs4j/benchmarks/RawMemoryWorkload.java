// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory baseline: what a hand-written store does per command, with one lock per account
 * and a list of its events, each kept as the balance it leaves (the smallest record that can be
 * folded, so that millions of commands a second fit in the heap). Event sourced, it folds the
 * account's events under the lock before appending one; "state" keeps the balance and only
 * appends (what a cache buys).
 */
final class RawMemoryWorkload implements Workload {

    private final boolean fold;
    private final ConcurrentHashMap<String, Account> accounts = new ConcurrentHashMap<>();

    private RawMemoryWorkload(boolean fold) {
        this.fold = fold;
    }

    static RawMemoryWorkload eventSourced(int accountCount) {
        return seeded(new RawMemoryWorkload(true), accountCount);
    }

    static RawMemoryWorkload state(int accountCount) {
        return seeded(new RawMemoryWorkload(false), accountCount);
    }

    private static RawMemoryWorkload seeded(RawMemoryWorkload workload, int accountCount) {
        for (int i = 0; i < accountCount; i++) {
            var account = new Account();
            account.events.add(BigDecimal.ZERO);
            workload.accounts.put(LoadSpec.accountId(i), account);
        }
        return workload;
    }

    @Override
    public void execute(String accountId, BankAccountCommand command) {
        Account account = accounts.get(accountId);
        account.lock.lock();
        try {
            BigDecimal balance = fold ? account.fold() : account.balance;
            BigDecimal amount = RawSql.signedAmount(command);
            BigDecimal after = balance.add(amount);
            if (after.signum() < 0) {
                throw new CommandRejectedException("funds not available");
            }
            account.events.add(after);
            account.balance = after;
        } finally {
            account.lock.unlock();
        }
    }

    @Override
    public String note() {
        long events = accounts.values().stream().mapToLong(a -> a.events.size()).sum();
        return "events per account at the end: " + events / Math.max(1, accounts.size());
    }

    private static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        final List<BigDecimal> events = new ArrayList<>();
        BigDecimal balance = BigDecimal.ZERO;

        BigDecimal fold() {
            BigDecimal total = BigDecimal.ZERO;
            for (BigDecimal balance : events) {
                total = balance;
            }
            return total;
        }
    }
}
