// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import java.math.BigDecimal;

/** Services that approve every withdrawal and every check, as cqrs-demo's do: the demo has no real bank. */
public final class HappyPathBankAccountServices implements BankAccountServices {

    /** Services that approve everything. */
    public HappyPathBankAccountServices() {
    }

    @Override
    public void atmWithdrawal(String atmId, BigDecimal amount) {
        // every ATM pays out
    }

    @Override
    public void validateCheck(String accountId, String checkNumber) {
        // every check clears
    }
}
