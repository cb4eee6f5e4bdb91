// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import io.cqrs4j.DomainEvent;
import java.math.BigDecimal;

/**
 * What happened to an account, named and shaped as cqrs-demo stores it; each money event carries
 * the balance after it, so {@code apply} and views copy it instead of computing it.
 */
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
