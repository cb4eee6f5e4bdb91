// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.domain;

import java.math.BigDecimal;

/** The commands a {@link BankAccount} handles (cqrs-demo's). */
public sealed interface BankAccountCommand {

    /**
     * Opens the account.
     *
     * @param accountId the account's id
     */
    record OpenAccount(String accountId) implements BankAccountCommand {
    }

    /**
     * Deposits money.
     *
     * @param amount a positive amount
     */
    record DepositMoney(BigDecimal amount) implements BankAccountCommand {
    }

    /**
     * Withdraws cash at an ATM.
     *
     * @param amount a positive amount
     * @param atmId the ATM
     */
    record WithdrawMoney(BigDecimal amount, String atmId) implements BankAccountCommand {
    }

    /**
     * Writes a check.
     *
     * @param checkNumber the check's number
     * @param amount a positive amount
     */
    record WriteCheck(String checkNumber, BigDecimal amount) implements BankAccountCommand {
    }
}
