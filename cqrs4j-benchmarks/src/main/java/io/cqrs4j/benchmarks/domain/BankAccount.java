// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.domain;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.WriteCheck;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerWroteCheck;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bank account of cqrs-demo (aggregate type {@code account}), the benchmarks' domain.
 *
 * @param accountId the account's id, null until opened
 * @param balance the balance
 * @param open whether the account was opened
 */
public record BankAccount(String accountId, BigDecimal balance, boolean open)
        implements Aggregate<BankAccountCommand, BankAccountEvent, BankAccountServices> {

    /** The aggregate type stored with every event. */
    public static final String TYPE = "account";

    /**
     * An account before any event.
     *
     * @return the initial state
     */
    public static BankAccount initial() {
        return new BankAccount(null, BigDecimal.ZERO, false);
    }

    @Override
    public String aggregateType() {
        return TYPE;
    }

    @Override
    public List<BankAccountEvent> handle(BankAccountCommand command, BankAccountServices services) {
        return switch (command) {
            case OpenAccount o when open -> throw new CommandRejectedException("account " + accountId + " is already open");
            case OpenAccount o -> List.of(new AccountOpened(o.accountId()));
            case BankAccountCommand c when !open -> throw new CommandRejectedException("account is not open");
            case DepositMoney d -> List.of(new CustomerDepositedMoney(d.amount(), balance.add(positive(d.amount()))));
            case WithdrawMoney w when !services.atmWithdrawalAllowed(w.atmId(), w.amount()) ->
                    throw new CommandRejectedException("atm rule violation");
            case WithdrawMoney w -> List.of(new CustomerWithdrewCash(w.amount(), afterPaying(w.amount())));
            case WriteCheck c when !services.checkValid(accountId, c.checkNumber()) ->
                    throw new CommandRejectedException("check invalid");
            case WriteCheck c -> List.of(new CustomerWroteCheck(c.checkNumber(), c.amount(), afterPaying(c.amount())));
        };
    }

    private BigDecimal afterPaying(BigDecimal amount) {
        BigDecimal after = balance.subtract(positive(amount));
        if (after.signum() < 0) {
            throw new CommandRejectedException("funds not available");
        }
        return after;
    }

    private static BigDecimal positive(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new CommandRejectedException("amount must be positive but was " + amount);
        }
        return amount;
    }

    @Override
    public BankAccount apply(BankAccountEvent event) {
        return switch (event) {
            case AccountOpened e -> new BankAccount(e.accountId(), balance, true);
            case CustomerDepositedMoney e -> new BankAccount(accountId, e.balance(), open);
            case CustomerWithdrewCash e -> new BankAccount(accountId, e.balance(), open);
            case CustomerWroteCheck e -> new BankAccount(accountId, e.balance(), open);
        };
    }
}
