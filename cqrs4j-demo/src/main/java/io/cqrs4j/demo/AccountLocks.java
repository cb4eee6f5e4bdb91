// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs one account's commands one at a time within this process.
 *
 * <p>Optimistic concurrency keeps the store correct whatever happens; this lock only keeps one
 * process from conflicting with itself, so that a burst of commands to one account neither burns
 * retries nor races the account's view. Conflicts between processes that share a database are
 * still retried by the framework. Locks are striped: unrelated accounts rarely share one.
 */
final class AccountLocks {

    private static final int STRIPES = 256;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    AccountLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Runs {@code action} holding {@code accountId}'s lock.
     *
     * @param accountId the account
     * @param action what to run
     * @param <T> the result type
     * @return what {@code action} returned
     */
    <T> T withLock(String accountId, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(accountId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
