// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.example.bank;

import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;

/** What happened to an account; each money event carries the resulting balance. */
public sealed interface BankAccountEvent extends DomainEvent {

    /**
     * The account was opened.
     *
     * @param accountId the account's id
     */
    record AccountOpened(String accountId) implements BankAccountEvent {
    }

    /**
     * Money was paid in.
     *
     * @param amount the amount
     * @param balance the balance after it
     */
    record CustomerDepositedMoney(BigDecimal amount, BigDecimal balance) implements BankAccountEvent {
    }

    /**
     * Cash was taken out at an ATM.
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
