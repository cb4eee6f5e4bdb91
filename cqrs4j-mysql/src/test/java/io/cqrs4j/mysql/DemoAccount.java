// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;
import java.util.List;

/** The cqrs-demo bank account, as far as the compatibility tests need it: its JSON is what the Rust demo writes. */
record DemoAccount(String accountId, BigDecimal balance) implements Aggregate<DemoAccount.Command, DemoAccount.Event, Void> {

    static DemoAccount initial() {
        return new DemoAccount(null, BigDecimal.ZERO);
    }

    @Override
    public String aggregateType() {
        return "account";
    }

    @Override
    public List<Event> handle(Command command, Void services) {
        return switch (command) {
            case Command.OpenAccount open -> List.of(new Event.AccountOpened(open.accountId()));
            case Command.DepositMoney deposit ->
                    List.of(new Event.CustomerDepositedMoney(deposit.amount(), balance.add(deposit.amount())));
            case Command.WithdrawMoney withdraw ->
                    List.of(new Event.CustomerWithdrewCash(withdraw.amount(), balance.subtract(withdraw.amount())));
        };
    }

    @Override
    public DemoAccount apply(Event event) {
        return switch (event) {
            case Event.AccountOpened opened -> new DemoAccount(opened.accountId(), balance);
            case Event.CustomerDepositedMoney deposited -> new DemoAccount(accountId, deposited.balance());
            case Event.CustomerWithdrewCash withdrew -> new DemoAccount(accountId, withdrew.balance());
        };
    }

    /** The demo's commands. */
    sealed interface Command {
        record OpenAccount(String accountId) implements Command {
        }

        record DepositMoney(BigDecimal amount) implements Command {
        }

        record WithdrawMoney(BigDecimal amount) implements Command {
        }
    }

    /** The demo's events, each with the resulting balance. */
    sealed interface Event extends DomainEvent {
        record AccountOpened(String accountId) implements Event {
        }

        record CustomerDepositedMoney(BigDecimal amount, BigDecimal balance) implements Event {
        }

        record CustomerWithdrewCash(BigDecimal amount, BigDecimal balance) implements Event {
        }
    }

    /** The demo's view, reduced to its balance. */
    record View(String accountId, BigDecimal balance) implements io.cqrs4j.View<Event> {

        static View empty() {
            return new View(null, BigDecimal.ZERO);
        }

        @Override
        public View update(io.cqrs4j.EventEnvelope<Event> envelope) {
            return switch (envelope.payload()) {
                case Event.AccountOpened opened -> new View(opened.accountId(), balance);
                case Event.CustomerDepositedMoney deposited -> new View(accountId, deposited.balance());
                case Event.CustomerWithdrewCash withdrew -> new View(accountId, withdrew.balance());
            };
        }
    }
}
