// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import io.cqrs4j.demo.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWroteCheck;
import java.math.BigDecimal;
import java.util.List;

/**
 * A bank account (cqrs-demo's {@code BankAccount}, aggregate type {@code account}), with the rules
 * cqrs-demo leaves out: amounts must be positive, an account opens once, and nothing happens to an
 * account that is not open.
 *
 * @param accountId the account's id, null until opened
 * @param balance the balance
 * @param open whether the account was opened
 */
public record BankAccount(String accountId, BigDecimal balance, boolean open)
        implements Aggregate<BankAccountCommand, BankAccountEvent, BankAccountServices> {

    /** The aggregate type stored with every event, as cqrs-demo stores it. */
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
            case OpenAccount o when open -> throw new CommandRejectedException(
                    "account " + accountId + " is already open; open a new account with another id");
            case OpenAccount o -> List.of(new AccountOpened(requireId(o.accountId())));
            case BankAccountCommand c when !open -> throw new CommandRejectedException(
                    "account is not open; send OpenAccount first");
            case DepositMoney d -> List.of(new CustomerDepositedMoney(d.amount(), balance.add(positive(d.amount()))));
            case WithdrawMoney w -> List.of(withdraw(w, services));
            case WriteCheck c -> List.of(writeCheck(c, services));
        };
    }

    private CustomerWithdrewCash withdraw(WithdrawMoney command, BankAccountServices services) {
        BigDecimal newBalance = balanceAfterPaying(command.amount());
        try {
            services.atmWithdrawal(command.atmId(), command.amount());
        } catch (BankAccountServices.AtmError e) {
            throw new CommandRejectedException("atm rule violation", e);
        }
        return new CustomerWithdrewCash(command.amount(), newBalance);
    }

    private CustomerWroteCheck writeCheck(WriteCheck command, BankAccountServices services) {
        BigDecimal newBalance = balanceAfterPaying(command.amount());
        try {
            services.validateCheck(accountId, command.checkNumber());
        } catch (BankAccountServices.CheckingError e) {
            throw new CommandRejectedException("check invalid", e);
        }
        return new CustomerWroteCheck(command.checkNumber(), command.amount(), newBalance);
    }

    private BigDecimal balanceAfterPaying(BigDecimal amount) {
        BigDecimal newBalance = balance.subtract(positive(amount));
        if (newBalance.signum() < 0) {
            throw new CommandRejectedException("funds not available");
        }
        return newBalance;
    }

    private static BigDecimal positive(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new CommandRejectedException("amount must be positive but was " + amount);
        }
        return amount;
    }

    private static String requireId(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            throw new CommandRejectedException("account_id must not be blank but was " + accountId);
        }
        return accountId;
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
