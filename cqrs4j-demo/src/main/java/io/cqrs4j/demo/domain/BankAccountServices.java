// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import java.math.BigDecimal;

/** The outside world a bank account's rules consult: the ATM network and the check clearing house. */
public interface BankAccountServices {

    /**
     * Asks the ATM network to pay out cash.
     *
     * @param atmId the ATM
     * @param amount the amount
     * @throws AtmError when the ATM refuses
     */
    void atmWithdrawal(String atmId, BigDecimal amount) throws AtmError;

    /**
     * Asks the clearing house whether a check may be written on an account.
     *
     * @param accountId the account
     * @param checkNumber the check's number
     * @throws CheckingError when the check is not valid
     */
    void validateCheck(String accountId, String checkNumber) throws CheckingError;

    /** The ATM network refused a withdrawal. */
    final class AtmError extends Exception {

        /**
         * A refusal.
         *
         * @param message why the ATM refused
         */
        public AtmError(String message) {
            super(message);
        }
    }

    /** The clearing house refused a check. */
    final class CheckingError extends Exception {

        /**
         * A refusal.
         *
         * @param message why the check was refused
         */
        public CheckingError(String message) {
            super(message);
        }
    }
}
