// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import java.math.BigDecimal;

/** What a customer asks of an account: cqrs-demo's {@code BankAccountCommand}, with the same names. */
public sealed interface BankAccountCommand {

    /**
     * Opens the account.
     *
     * @param accountId the account's id
     */
    record OpenAccount(String accountId) implements BankAccountCommand {
    }

    /**
     * Pays money in.
     *
     * @param amount a positive amount
     */
    record DepositMoney(BigDecimal amount) implements BankAccountCommand {
    }

    /**
     * Takes cash out at an ATM.
     *
     * @param amount a positive amount
     * @param atmId the ATM that pays out
     */
    record WithdrawMoney(BigDecimal amount, String atmId) implements BankAccountCommand {
    }

    /**
     * Pays by check.
     *
     * @param checkNumber the check's number
     * @param amount a positive amount
     */
    record WriteCheck(String checkNumber, BigDecimal amount) implements BankAccountCommand {
    }
}
