// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.domain;

import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;

/** The events of a {@link BankAccount}, each carrying the resulting balance (cqrs-demo's). */
public sealed interface BankAccountEvent extends DomainEvent {

    /**
     * The account was opened.
     *
     * @param accountId the account's id
     */
    record AccountOpened(String accountId) implements BankAccountEvent {
    }

    /**
     * Money was deposited.
     *
     * @param amount the amount
     * @param balance the balance after it
     */
    record CustomerDepositedMoney(BigDecimal amount, BigDecimal balance) implements BankAccountEvent {
    }

    /**
     * Cash was withdrawn.
     *
     * @param amount the amount
     * @param balance the balance after it
     */
    record CustomerWithdrewCash(BigDecimal amount, BigDecimal balance) implements BankAccountEvent {
    }

    /**
     * A check was written.
     *
     * @param checkNumber the check's number
     * @param amount the amount
     * @param balance the balance after it
     */
    record CustomerWroteCheck(String checkNumber, BigDecimal amount, BigDecimal balance) implements BankAccountEvent {
    }
}
