// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;
import java.util.List;

/** The cqrs-demo bank account, as far as these tests need it; its JSON is what the Rust demo writes. */
record BankAccount(String accountId, BigDecimal balance)
        implements Aggregate<BankAccount.Command, BankAccount.Event, Void> {

    static BankAccount initial() {
        return new BankAccount(null, BigDecimal.ZERO);
    }

    @Override
    public String aggregateType() {
        return "account";
    }

    @Override
    public List<Event> handle(Command command, Void services) {
        return switch (command) {
            case Command.OpenAccount open -> List.of(new Event.AccountOpened(open.accountId()));
            case Command.DepositMoney deposit -> List.of(
                    new Event.CustomerDepositedMoney(deposit.amount(), balance.add(deposit.amount())));
            case Command.WithdrawMoney withdraw when balance.compareTo(withdraw.amount()) < 0 ->
                    throw new CommandRejectedException("funds not available");
            case Command.WithdrawMoney withdraw -> List.of(
                    new Event.CustomerWithdrewCash(withdraw.amount(), balance.subtract(withdraw.amount())));
        };
    }

    @Override
    public BankAccount apply(Event event) {
        return switch (event) {
            case Event.AccountOpened opened -> new BankAccount(opened.accountId(), balance);
            case Event.CustomerDepositedMoney deposited -> new BankAccount(accountId, deposited.balance());
            case Event.CustomerWithdrewCash withdrew -> new BankAccount(accountId, withdrew.balance());
        };
    }

    /** What a client asks of an account. */
    sealed interface Command {
        record OpenAccount(String accountId) implements Command {
        }

        record DepositMoney(BigDecimal amount) implements Command {
        }

        record WithdrawMoney(BigDecimal amount) implements Command {
        }
    }

    /** What happened to an account; each event carries the resulting balance. */
    sealed interface Event extends DomainEvent {
        record AccountOpened(String accountId) implements Event {
        }

        record CustomerDepositedMoney(BigDecimal amount, BigDecimal balance) implements Event {
        }

        record CustomerWithdrewCash(BigDecimal amount, BigDecimal balance) implements Event {
        }
    }
}
