// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerWroteCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A read model of an account: its balance, a ledger line per money event, and the last sequence
 * it has seen.
 *
 * @param accountId the account, null until opened
 * @param balance the balance
 * @param ledger one line per money event
 * @param lastSequence the sequence of the last event applied
 */
record AccountLedgerView(String accountId, BigDecimal balance, List<String> ledger, long lastSequence)
        implements View<BankAccountEvent> {

    static AccountLedgerView initial() {
        return new AccountLedgerView(null, BigDecimal.ZERO, List.of(), 0);
    }

    @Override
    public AccountLedgerView update(EventEnvelope<BankAccountEvent> event) {
        return switch (event.payload()) {
            case AccountOpened e -> new AccountLedgerView(e.accountId(), balance, ledger, event.sequence());
            case CustomerDepositedMoney e -> withLine("deposit " + e.amount(), e.balance(), event.sequence());
            case CustomerWithdrewCash e -> withLine("atm withdrawal " + e.amount(), e.balance(), event.sequence());
            case CustomerWroteCheck e -> withLine("check " + e.checkNumber() + " " + e.amount(), e.balance(),
                    event.sequence());
        };
    }

    private AccountLedgerView withLine(String line, BigDecimal newBalance, long sequence) {
        var lines = new ArrayList<>(ledger);
        lines.add(line);
        return new AccountLedgerView(accountId, newBalance, List.copyOf(lines), sequence);
    }
}
