// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.demo.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWithdrewCash;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerWroteCheck;
import io.cqrs4j.demo.domain.BankAccountView.LedgerEntry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BankAccountViewTest {

    private static BankAccountView fold(BankAccountEvent... events) {
        BankAccountView view = BankAccountView.initial();
        long sequence = 0;
        for (BankAccountEvent event : events) {
            view = view.update(new EventEnvelope<>("ACCT-1", ++sequence, event, Metadata.empty()));
        }
        return view;
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void starts_without_an_id_with_a_zero_balance_and_nothing_in_it() {
        BankAccountView view = fold();

        assertThat(view).isEqualTo(new BankAccountView(null, BigDecimal.ZERO, List.of(), List.of()));
    }

    @Test
    void records_the_cqrs_demo_walkthrough_as_three_ledger_entries_and_one_check() {
        BankAccountView view = fold(
                new AccountOpened("ACCT-1"),
                new CustomerDepositedMoney(money("1000.0"), money("1000.0")),
                new CustomerWithdrewCash(money("400.0"), money("600.0")),
                new CustomerWroteCheck("1170", money("256.28"), money("343.72")));

        assertThat(view.accountId()).isEqualTo("ACCT-1");
        assertThat(view.balance()).isEqualByComparingTo("343.72");
        assertThat(view.writtenChecks()).containsExactly("1170");
        assertThat(view.ledger()).containsExactly(
                new LedgerEntry("deposit", money("1000.0")),
                new LedgerEntry("atm withdrawal", money("400.0")),
                new LedgerEntry("1170", money("256.28")));
    }

    @Test
    void takes_the_balance_from_the_event_rather_than_computing_it() {
        BankAccountView view = fold(new AccountOpened("ACCT-1"), new CustomerDepositedMoney(money("10"), money("99")));

        assertThat(view.balance()).isEqualByComparingTo("99");
    }
}
