// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.bank;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.example.bank.BankAccountCommand.WriteCheck;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWroteCheck;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bank account of DESIGN.md §6 (cqrs-demo's {@code BankAccount}), with the rules cqrs-demo
 * leaves out: amounts must be positive, an account opens once, and nothing happens to an account
 * that is not open.
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
            case OpenAccount o when open -> throw new CommandRejectedException(
                    "account " + accountId + " is already open; open a new account with another id");
            case OpenAccount o -> List.of(new AccountOpened(o.accountId()));
            case BankAccountCommand c when !open -> throw new CommandRejectedException(
                    "account is not open; send OpenAccount first");
            case DepositMoney d -> List.of(new CustomerDepositedMoney(positive(d.amount()), balance.add(d.amount())));
            case WithdrawMoney w -> withdraw(w, services);
            case WriteCheck c -> writeCheck(c, services);
        };
    }

    private List<BankAccountEvent> withdraw(WithdrawMoney command, BankAccountServices services) {
        BigDecimal newBalance = balanceAfterPaying(positive(command.amount()));
        try {
            services.atmWithdrawal(command.atmId(), command.amount());
        } catch (BankAccountServices.AtmError e) {
            throw new CommandRejectedException("atm rule violation", e);
        }
        return List.of(new CustomerWithdrewCash(command.amount(), newBalance));
    }

    private List<BankAccountEvent> writeCheck(WriteCheck command, BankAccountServices services) {
        BigDecimal newBalance = balanceAfterPaying(positive(command.amount()));
        try {
            services.validateCheck(accountId, command.checkNumber());
        } catch (BankAccountServices.CheckingError e) {
            throw new CommandRejectedException("check invalid", e);
        }
        return List.of(new CustomerWroteCheck(command.checkNumber(), command.amount(), newBalance));
    }

    private BigDecimal balanceAfterPaying(BigDecimal amount) {
        BigDecimal newBalance = balance.subtract(amount);
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
