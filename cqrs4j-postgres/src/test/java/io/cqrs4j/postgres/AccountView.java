// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The cqrs-demo account view, reduced: balance and ledger. */
record AccountView(String accountId, BigDecimal balance, List<LedgerEntry> ledger) implements View<BankAccount.Event> {

    static AccountView empty() {
        return new AccountView(null, BigDecimal.ZERO, List.of());
    }

    @Override
    public AccountView update(EventEnvelope<BankAccount.Event> envelope) {
        return switch (envelope.payload()) {
            case BankAccount.Event.AccountOpened opened -> new AccountView(opened.accountId(), balance, ledger);
            case BankAccount.Event.CustomerDepositedMoney deposited ->
                    new AccountView(accountId, deposited.balance(), append("deposit", deposited.amount()));
            case BankAccount.Event.CustomerWithdrewCash withdrew ->
                    new AccountView(accountId, withdrew.balance(), append("atm withdrawal", withdrew.amount()));
        };
    }

    private List<LedgerEntry> append(String description, BigDecimal amount) {
        var entries = new ArrayList<>(ledger);
        entries.add(new LedgerEntry(description, amount));
        return List.copyOf(entries);
    }

    /** One ledger line. */
    record LedgerEntry(String description, BigDecimal amount) {
    }
}
