// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.View;
import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountCommand;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountCommand.WriteCheck;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountServices;
import io.cqrs4j.example.bank.MockBankAccountServices;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.memory.InMemoryViewRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GenericQueryTest {

    private final InMemoryViewRepository<AccountLedgerView> views = InMemoryViewRepository.create();
    private final GenericQuery<AccountLedgerView, BankAccountEvent> query =
            GenericQuery.create(views, AccountLedgerView::initial);

    private static EventEnvelope<BankAccountEvent> envelope(long sequence, BankAccountEvent event) {
        return new EventEnvelope<>("ACCT-1", sequence, event, Metadata.empty());
    }

    private static CustomerDepositedMoney deposited(long amount, long balance) {
        return new CustomerDepositedMoney(BigDecimal.valueOf(amount), BigDecimal.valueOf(balance));
    }

    @Test
    void builds_a_new_view_from_the_initial_one_and_stores_it_as_version_1() {
        query.dispatch("ACCT-1", List.of(envelope(1, new AccountOpened("ACCT-1")), envelope(2, deposited(10, 10))));

        var stored = views.loadWithContext("ACCT-1");

        assertThat(stored).contains(new StoredView<>(
                new AccountLedgerView("ACCT-1", BigDecimal.TEN, List.of("deposit 10"), 2), new ViewContext("ACCT-1", 1)));
    }

    @Test
    void updates_the_stored_view_with_later_events() {
        query.dispatch("ACCT-1", List.of(envelope(1, new AccountOpened("ACCT-1")), envelope(2, deposited(10, 10))));

        query.dispatch("ACCT-1", List.of(envelope(3, deposited(5, 15))));

        assertThat(views.loadWithContext("ACCT-1").orElseThrow().context().version()).isEqualTo(2);
        assertThat(query.load("ACCT-1")).contains(
                new AccountLedgerView("ACCT-1", BigDecimal.valueOf(15), List.of("deposit 10", "deposit 5"), 3));
    }

    @Test
    void load_of_a_view_no_event_reached_is_empty() {
        Optional<AccountLedgerView> view = query.load("ACCT-unknown");

        assertThat(view).isEmpty();
    }

    @Test
    void a_stale_update_is_rejected_and_the_racing_update_is_kept() {
        var racing = new RacingViewRepository(views);
        var racingQuery = GenericQuery.create(racing, AccountLedgerView::initial);
        query.dispatch("ACCT-1", List.of(envelope(1, new AccountOpened("ACCT-1"))));

        assertThatThrownBy(() -> racingQuery.dispatch("ACCT-1", List.of(envelope(2, deposited(10, 10)))))

                .isInstanceOf(AggregateConflictException.class)
                .hasMessage("view ACCT-1: expected version 1 but the store has 2 (a concurrent update won); reload and retry");
        assertThat(query.load("ACCT-1").orElseThrow().ledger()).containsExactly("racer");
    }

    @Test
    void keeps_a_view_up_to_date_from_the_commands_a_framework_executes() {
        var store = InMemoryEventStore.<BankAccount, BankAccountEvent>create(BankAccount::initial);
        CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs = CqrsFramework.builder(store)
                .services((BankAccountServices) new MockBankAccountServices())
                .query(query)
                .build();

        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));
        cqrs.execute("ACCT-1", new DepositMoney(new BigDecimal("100.00")));
        cqrs.execute("ACCT-1", new WriteCheck("1170", new BigDecimal("25.50")));

        assertThat(query.load("ACCT-1")).contains(new AccountLedgerView("ACCT-1", new BigDecimal("74.50"),
                List.of("deposit 100.00", "check 1170 25.50"), 3));
        assertThat(views.loadWithContext("ACCT-1").orElseThrow().context().version()).isEqualTo(3);
    }

    @Test
    void a_stale_update_during_a_command_is_counted_by_the_framework_and_the_command_still_commits() {
        var store = InMemoryEventStore.<BankAccount, BankAccountEvent>create(BankAccount::initial);
        CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs = CqrsFramework.builder(store)
                .services((BankAccountServices) new MockBankAccountServices())
                .query(GenericQuery.create(new RacingViewRepository(views), AccountLedgerView::initial))
                .build();

        var result = cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));

        assertThat(result.version()).isEqualTo(1);
        assertThat(cqrs.queryFailures()).isEqualTo(1);
        assertThat(store.loadEvents("ACCT-1")).hasSize(1);
    }

    @Test
    void a_view_whose_update_returns_null_fails_naming_its_class() {
        GenericQuery<NullView, BankAccountEvent> broken = GenericQuery.create(InMemoryViewRepository.create(), NullView::new);

        assertThatThrownBy(() -> broken.dispatch("ACCT-1", List.of(envelope(1, new AccountOpened("ACCT-1")))))

                .isInstanceOf(NullPointerException.class)
                .hasMessage(NullView.class.getName() + ".update returned null; it must return the next view");
    }

    /** A view whose update breaks the contract. */
    record NullView() implements View<BankAccountEvent> {
        @Override
        public View<BankAccountEvent> update(EventEnvelope<BankAccountEvent> event) {
            return null;
        }
    }

    /** Lets another dispatch store the view between this one's load and its update. */
    private record RacingViewRepository(ViewRepository<AccountLedgerView> delegate) implements ViewRepository<AccountLedgerView> {

        @Override
        public Optional<StoredView<AccountLedgerView>> loadWithContext(String viewId) {
            var loaded = delegate.loadWithContext(viewId);
            var racer = new AccountLedgerView(viewId, BigDecimal.ZERO, List.of("racer"), 0);
            delegate.updateView(racer, loaded.map(StoredView::context).orElse(ViewContext.newView(viewId)));
            return loaded;
        }

        @Override
        public void updateView(AccountLedgerView view, ViewContext context) {
            delegate.updateView(view, context);
        }
    }
}
