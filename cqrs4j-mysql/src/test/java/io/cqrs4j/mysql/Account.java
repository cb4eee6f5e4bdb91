// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;
import java.util.List;

/**
 * A bank account reduced to what these tests need. Every command carries an id that its event
 * keeps, so a test can tell a lost or a doubled command from the stored events alone.
 */
record Account(String accountId, BigDecimal balance, long deposits)
        implements Aggregate<Account.Command, Account.Event, Void> {

    static Account initial() {
        return new Account(null, BigDecimal.ZERO, 0);
    }

    @Override
    public String aggregateType() {
        return "account";
    }

    @Override
    public List<Event> handle(Command command, Void services) {
        return switch (command) {
            case Command.Open open when accountId != null -> throw new CommandRejectedException("account already open");
            case Command.Open open -> List.of(new Event.AccountOpened(open.accountId()));
            case Command.Deposit deposit -> List.of(new Event.CustomerDepositedMoney(deposit.commandId(),
                    deposit.amount(), balance.add(deposit.amount())));
        };
    }

    @Override
    public Account apply(Event event) {
        return switch (event) {
            case Event.AccountOpened opened -> new Account(opened.accountId(), balance, deposits);
            case Event.CustomerDepositedMoney deposited -> new Account(accountId, deposited.balance(), deposits + 1);
        };
    }

    /** What a client asks of an account. */
    sealed interface Command {
        record Open(String accountId) implements Command {
        }

        record Deposit(String commandId, BigDecimal amount) implements Command {
        }
    }

    /** What happened to an account; a deposit carries its command's id and the resulting balance. */
    sealed interface Event extends DomainEvent {
        record AccountOpened(String accountId) implements Event {
        }

        record CustomerDepositedMoney(String commandId, BigDecimal amount, BigDecimal balance) implements Event {
        }
    }
}
