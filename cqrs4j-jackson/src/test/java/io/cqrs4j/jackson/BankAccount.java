// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** The cqrs-demo bank account, reduced to what the serializer tests need. */
public record BankAccount(String accountId, BigDecimal balance, List<String> writtenChecks)
        implements Aggregate<BankAccount.Command, BankAccount.Event, Void> {

    public static BankAccount initial() {
        return new BankAccount(null, BigDecimal.ZERO, List.of());
    }

    @Override
    public String aggregateType() {
        return "account";
    }

    @Override
    public List<Event> handle(Command command, Void services) {
        return switch (command) {
            case Command.Deposit deposit -> List.of(new Event.CustomerDepositedMoney(deposit.amount(),
                    balance.add(deposit.amount())));
        };
    }

    @Override
    public BankAccount apply(Event event) {
        return switch (event) {
            case Event.AccountOpened opened -> new BankAccount(opened.accountId(), balance, writtenChecks);
            case Event.CustomerDepositedMoney deposited -> new BankAccount(accountId, deposited.balance(), writtenChecks);
            case Event.CustomerWithdrewCash withdrew -> new BankAccount(accountId, withdrew.balance(), writtenChecks);
            case Event.CheckEvent.CustomerWroteCheck check -> new BankAccount(accountId, check.balance(),
                    append(writtenChecks, check.checkNumber()));
            case Event.CheckEvent.CheckBounced bounced -> this;
            case Event.StatementIssued statement -> this;
            case Event.AccountClosed closed -> this;
        };
    }

    private static List<String> append(List<String> list, String item) {
        var copy = new java.util.ArrayList<>(list);
        copy.add(item);
        return List.copyOf(copy);
    }

    /** Commands. */
    public sealed interface Command {
        record Deposit(BigDecimal amount) implements Command {
        }
    }

    /** Events, with one nested sealed interface. */
    public sealed interface Event extends DomainEvent {
        record AccountOpened(String accountId) implements Event {
        }

        record CustomerDepositedMoney(BigDecimal amount, BigDecimal balance) implements Event {
        }

        record CustomerWithdrewCash(BigDecimal amount, BigDecimal balance, String atmId) implements Event {
        }

        record StatementIssued(LocalDate period, Instant issuedAt, OffsetDateTime mailedAt, Duration took)
                implements Event {
        }

        record AccountClosed() implements Event {
        }

        /** Check events, a nested sealed interface. */
        sealed interface CheckEvent extends Event {
            record CustomerWroteCheck(String checkNumber, BigDecimal amount, BigDecimal balance) implements CheckEvent {
            }

            record CheckBounced(String checkNumber) implements CheckEvent {
                @Override
                public String eventType() {
                    return "CheckReturned";
                }
            }
        }
    }
}
