// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;
import io.cqrs4j.demo.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWroteCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@code GET /account/{id}} returns, shaped as cqrs-demo's view:
 * {@code {"account_id":…,"balance":…,"written_checks":[…],"ledger":[{"description":…,"amount":…}]}}.
 *
 * <p>Ledger amounts are positive for every kind of entry; the description tells deposits
 * ({@code "deposit"}), withdrawals ({@code "atm withdrawal"}) and checks (the check number) apart.
 *
 * @param accountId the account's id, null until the account is opened
 * @param balance the balance after the last event
 * @param writtenChecks the numbers of the checks written, oldest first
 * @param ledger every movement of money, oldest first
 */
public record BankAccountView(String accountId, BigDecimal balance, List<String> writtenChecks, List<LedgerEntry> ledger)
        implements View<BankAccountEvent> {

    /**
     * Validates and copies.
     *
     * @param accountId the id, or null
     * @param balance the balance
     * @param writtenChecks the check numbers
     * @param ledger the entries
     */
    public BankAccountView {
        Objects.requireNonNull(balance, "balance");
        writtenChecks = List.copyOf(writtenChecks);
        ledger = List.copyOf(ledger);
    }

    /**
     * The view before any event.
     *
     * @return an empty view with a zero balance
     */
    public static BankAccountView initial() {
        return new BankAccountView(null, BigDecimal.ZERO, List.of(), List.of());
    }

    @Override
    public BankAccountView update(EventEnvelope<BankAccountEvent> event) {
        return switch (event.payload()) {
            case AccountOpened e -> new BankAccountView(e.accountId(), balance, writtenChecks, ledger);
            case CustomerDepositedMoney e -> withEntry("deposit", e.amount(), e.balance(), writtenChecks);
            case CustomerWithdrewCash e -> withEntry("atm withdrawal", e.amount(), e.balance(), writtenChecks);
            case CustomerWroteCheck e -> withEntry(e.checkNumber(), e.amount(), e.balance(), append(writtenChecks, e.checkNumber()));
        };
    }

    private BankAccountView withEntry(String description, BigDecimal amount, BigDecimal newBalance, List<String> checks) {
        return new BankAccountView(accountId, newBalance, checks, append(ledger, new LedgerEntry(description, amount)));
    }

    private static <T> List<T> append(List<T> list, T element) {
        var copy = new ArrayList<T>(list.size() + 1);
        copy.addAll(list);
        copy.add(element);
        return copy;
    }

    /**
     * One movement of money.
     *
     * @param description {@code "deposit"}, {@code "atm withdrawal"} or the check number
     * @param amount the amount, positive
     */
    public record LedgerEntry(String description, BigDecimal amount) {
    }
}
