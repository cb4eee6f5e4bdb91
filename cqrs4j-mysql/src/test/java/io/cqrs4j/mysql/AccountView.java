// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;
import java.math.BigDecimal;

/** What a client reads of an account: its balance and how many deposits made it. */
record AccountView(String accountId, BigDecimal balance, long deposits) implements View<Account.Event> {

    static AccountView empty() {
        return new AccountView(null, BigDecimal.ZERO, 0);
    }

    @Override
    public AccountView update(EventEnvelope<Account.Event> envelope) {
        return switch (envelope.payload()) {
            case Account.Event.AccountOpened opened -> new AccountView(opened.accountId(), balance, deposits);
            case Account.Event.CustomerDepositedMoney deposited ->
                    new AccountView(accountId, deposited.balance(), deposits + 1);
        };
    }
}
