// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.domain;

import java.math.BigDecimal;

/** What a {@link BankAccount} asks the outside world; the benchmarks use {@link #HAPPY_PATH}. */
public interface BankAccountServices {

    /** Services that allow every withdrawal and every check, at no cost. */
    BankAccountServices HAPPY_PATH = new BankAccountServices() {
        @Override
        public boolean atmWithdrawalAllowed(String atmId, BigDecimal amount) {
            return true;
        }

        @Override
        public boolean checkValid(String accountId, String checkNumber) {
            return true;
        }
    };

    /**
     * Whether the ATM network allows this withdrawal.
     *
     * @param atmId the ATM
     * @param amount the amount
     * @return true when allowed
     */
    boolean atmWithdrawalAllowed(String atmId, BigDecimal amount);

    /**
     * Whether the check is valid.
     *
     * @param accountId the account
     * @param checkNumber the check's number
     * @return true when valid
     */
    boolean checkValid(String accountId, String checkNumber);
}
