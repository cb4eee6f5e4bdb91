// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountCommand;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountServices;
import io.cqrs4j.example.bank.MockBankAccountServices;
import io.cqrs4j.memory.InMemoryEventStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CqrsFrameworkTest {

    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final Metadata METADATA = Metadata.empty()
            .withTime(Instant.parse("2025-01-02T03:04:05Z"))
            .with(Metadata.USER_AGENT, "curl/8.5")
            .with(Metadata.CORRELATION_ID, "req-42");

    private final InMemoryEventStore<BankAccount, BankAccountEvent> store = InMemoryEventStore.create(BankAccount::initial);
    private final MockBankAccountServices services = new MockBankAccountServices();

    private CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework(
            EventStore<BankAccount, BankAccountEvent> eventStore, List<Query<BankAccountEvent>> queries, int retries) {
        var builder = CqrsFramework.builder(eventStore).services((BankAccountServices) services)
                .retryOnConflict(retries);
        queries.forEach(builder::query);
        return builder.build();
    }

    @SafeVarargs
    private CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework(Query<BankAccountEvent>... queries) {
        return framework(store, List.of(queries), 0);
    }

    private static CustomerDepositedMoney deposited(String amount, String balance) {
        return new CustomerDepositedMoney(new BigDecimal(amount), new BigDecimal(balance));
    }

    @Test
    void execute_returns_the_committed_envelopes_with_sequences_and_metadata_and_the_new_version() {
        var cqrs = framework();
        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"), METADATA);

        CommandResult<BankAccountEvent> result = cqrs.execute("ACCT-1", new DepositMoney(HUNDRED), METADATA);

        assertThat(result.aggregateId()).isEqualTo("ACCT-1");
        assertThat(result.version()).isEqualTo(2);
        assertThat(result.events()).containsExactly(
                new EventEnvelope<>("ACCT-1", 2, deposited("100", "100"), METADATA));
    }

    @Test
    void puts_the_commands_metadata_on_every_event_it_produced() {
        var tallies = InMemoryEventStore.<Tally, Tally.Added>create(Tally::initial);
        CqrsFramework<Tally, Tally.Add, Tally.Added> cqrs = CqrsFramework.builder(tallies).build();
        cqrs.execute("T-1", new Tally.Add(1L));

        CommandResult<Tally.Added> result = cqrs.execute("T-1", new Tally.Add(2L, 3L, 4L), METADATA);

        assertThat(result.events()).extracting(EventEnvelope::sequence).containsExactly(2L, 3L, 4L);
        assertThat(result.events()).extracting(EventEnvelope::metadata).containsOnly(METADATA);
        assertThat(result.version()).isEqualTo(4);
        assertThat(tallies.loadEvents("T-1")).extracting(EventEnvelope::metadata)
                .containsExactly(Metadata.empty(), METADATA, METADATA, METADATA);
    }

    @Test
    void execute_without_metadata_stores_empty_metadata() {
        var cqrs = framework();

        var result = cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));

        assertThat(result.events().getFirst().metadata()).isEqualTo(Metadata.empty());
    }

    @Test
    void load_returns_the_current_state_and_version() {
        var cqrs = framework();
        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));
        cqrs.execute("ACCT-1", new DepositMoney(HUNDRED));

        AggregateContext<BankAccount> loaded = cqrs.load("ACCT-1");

        assertThat(loaded.aggregateId()).isEqualTo("ACCT-1");
        assertThat(loaded.aggregate()).isEqualTo(new BankAccount("ACCT-1", HUNDRED, true));
        assertThat(loaded.version()).isEqualTo(2);
    }

    @Test
    void load_of_an_aggregate_without_events_is_the_initial_state_at_version_0() {
        var cqrs = framework();

        AggregateContext<BankAccount> loaded = cqrs.load("ACCT-unknown");

        assertThat(loaded.aggregate()).isEqualTo(BankAccount.initial());
        assertThat(loaded.version()).isZero();
    }

    @Test
    void queries_run_in_registration_order_after_the_commit() {
        var calls = new CopyOnWriteArrayList<String>();
        Query<BankAccountEvent> first = (id, events) ->
                calls.add("first " + id + " " + events.size() + " stored " + store.loadEvents(id).size());
        Query<BankAccountEvent> second = (id, events) ->
                calls.add("second " + id + " " + events.getFirst().sequence() + "/" + events.getFirst().payload());
        var cqrs = framework(first, second);

        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));

        assertThat(calls).containsExactly(
                "first ACCT-1 1 stored 1",
                "second ACCT-1 1/" + new AccountOpened("ACCT-1"));
    }

    @Test
    void queries_receive_exactly_the_envelopes_execute_returns() {
        var dispatched = new ArrayList<List<EventEnvelope<BankAccountEvent>>>();
        var cqrs = framework((id, events) -> dispatched.add(events));
        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));

        var result = cqrs.execute("ACCT-1", new DepositMoney(HUNDRED), METADATA);

        assertThat(dispatched).hasSize(2);
        assertThat(dispatched.getLast()).isEqualTo(result.events());
    }

    @Test
    void a_failing_query_is_counted_and_never_reaches_the_caller_and_later_queries_still_run() {
        var reached = new CopyOnWriteArrayList<Long>();
        Query<BankAccountEvent> failing = (id, events) -> {
            throw new IllegalStateException("view database is down");
        };
        var cqrs = framework(failing, (id, events) -> reached.add(events.getLast().sequence()));

        var opened = cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));
        var deposited = cqrs.execute("ACCT-1", new DepositMoney(HUNDRED));

        assertThat(opened.version()).isEqualTo(1);
        assertThat(deposited.version()).isEqualTo(2);
        assertThat(cqrs.queryFailures()).isEqualTo(2);
        assertThat(reached).containsExactly(1L, 2L);
        assertThat(store.loadEvents("ACCT-1")).hasSize(2);
    }

    @Test
    void a_failing_query_is_logged_as_an_error_naming_the_query_the_aggregate_and_the_sequences() throws Exception {
        var failure = new IllegalStateException("view database is down");
        Query<BankAccountEvent> failing = (id, events) -> {
            throw failure;
        };
        var cqrs = framework(failing);

        List<LogCapture.Entry> logged;
        try (var log = LogCapture.of(CqrsFramework.class.getName())) {
            cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));
            logged = log.entries();
        }

        assertThat(logged).singleElement().satisfies(entry -> {
            assertThat(entry.level()).isEqualTo("SEVERE");
            assertThat(entry.message())
                    .startsWith("query " + failing.getClass().getName())
                    .endsWith("failed on account ACCT-1 sequences 1..1; the events are committed, the query missed them");
            assertThat(entry.thrown()).isSameAs(failure);
        });
    }

    @Test
    void query_failures_start_at_zero() {
        var cqrs = framework((id, events) -> { });

        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));

        assertThat(cqrs.queryFailures()).isZero();
    }

    @Test
    void a_command_that_produced_no_events_commits_and_dispatches_nothing() {
        var tallies = InMemoryEventStore.<Tally, Tally.Added>create(Tally::initial);
        var dispatches = new CopyOnWriteArrayList<String>();
        CqrsFramework<Tally, Tally.Add, Tally.Added> cqrs = CqrsFramework.builder(tallies)
                .query((id, events) -> dispatches.add(id + " " + events.size()))
                .build();
        cqrs.execute("T-1", new Tally.Add(5L));

        CommandResult<Tally.Added> result = cqrs.execute("T-1", new Tally.Add());

        assertThat(result.events()).isEmpty();
        assertThat(result.version()).isEqualTo(1);
        assertThat(tallies.loadEvents("T-1")).hasSize(1);
        assertThat(dispatches).containsExactly("T-1 1");
    }

    @Test
    void a_rejected_command_writes_and_dispatches_nothing() {
        var dispatches = new CopyOnWriteArrayList<Long>();
        var cqrs = framework((id, events) -> dispatches.add(events.getLast().sequence()));
        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));

        assertThatThrownBy(() -> cqrs.execute("ACCT-1", new WithdrawMoney(HUNDRED, "ATM-1"), METADATA))

                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("funds not available");
        assertThat(store.loadEvents("ACCT-1")).hasSize(1);
        assertThat(cqrs.load("ACCT-1").version()).isEqualTo(1);
        assertThat(dispatches).containsExactly(1L);
    }

    @Test
    void an_exception_from_handle_that_is_not_a_rejection_becomes_an_unexpected_exception_naming_the_aggregate() {
        var cqrs = CqrsFramework.builder(store).services((BankAccountServices) null).build();
        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));
        cqrs.execute("ACCT-1", new DepositMoney(HUNDRED));

        assertThatThrownBy(() -> cqrs.execute("ACCT-1", new WithdrawMoney(BigDecimal.ONE, "ATM-1")))

                .isInstanceOf(UnexpectedException.class)
                .hasMessageStartingWith("account ACCT-1: handle(WithdrawMoney) threw java.lang.NullPointerException")
                .hasCauseInstanceOf(NullPointerException.class);
        assertThat(store.loadEvents("ACCT-1")).hasSize(2);
    }

    @Test
    void a_null_event_from_handle_is_an_unexpected_exception_and_writes_nothing() {
        var tallies = InMemoryEventStore.<Tally, Tally.Added>create(Tally::initial);
        CqrsFramework<Tally, Tally.Add, Tally.Added> cqrs = CqrsFramework.builder(tallies).build();

        assertThatThrownBy(() -> cqrs.execute("T-1", new Tally.Add(1L, null)))

                .isInstanceOf(UnexpectedException.class)
                .hasMessage("tally T-1: handle(Add) returned a null list or a null event; return List.of() for no events");
        assertThat(tallies.loadEvents("T-1")).isEmpty();
    }

    private void open(String accountId, BankAccountEvent... more) {
        var events = new ArrayList<BankAccountEvent>(List.of(new AccountOpened(accountId)));
        events.addAll(List.of(more));
        store.commit(store.load(accountId), events, Metadata.empty());
    }

    @Test
    void retry_on_conflict_loads_and_handles_the_command_again() {
        open("ACCT-1");
        var conflicting = new ConflictInjectingStore<>(store, 1, () -> deposited("5", "5"));
        var cqrs = framework(conflicting, List.of(), 1);

        var result = cqrs.execute("ACCT-1", new DepositMoney(HUNDRED));

        assertThat(result.events()).extracting(EventEnvelope::sequence).containsExactly(3L);
        assertThat(result.events().getFirst().payload()).isEqualTo(deposited("100", "105"));
        assertThat(result.version()).isEqualTo(3);
        assertThat(conflicting.loads()).isEqualTo(2);
        assertThat(conflicting.commits()).isEqualTo(2);
        assertThat(store.loadEvents("ACCT-1")).extracting(EventEnvelope::payload).containsExactly(
                new AccountOpened("ACCT-1"), deposited("5", "5"), deposited("100", "105"));
    }

    @Test
    void a_retried_command_is_handled_again_against_the_new_state() {
        open("ACCT-1", deposited("100", "100"));
        var conflicting = new ConflictInjectingStore<>(store, 1,
                () -> new BankAccountEvent.CustomerWithdrewCash(new BigDecimal("60"), new BigDecimal("40")));
        var cqrs = framework(conflicting, List.of(), 3);

        assertThatThrownBy(() -> cqrs.execute("ACCT-1", new WithdrawMoney(new BigDecimal("50"), "ATM-1")))

                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("funds not available");
        assertThat(services.calls()).containsExactly("atmWithdrawal(ATM-1, 50)");
        assertThat(store.loadEvents("ACCT-1")).hasSize(3);
    }

    @Test
    void without_retry_a_conflict_reaches_the_caller_and_the_command_writes_nothing() {
        var conflicting = new ConflictInjectingStore<>(store, 1, () -> new AccountOpened("ACCT-1"));
        var cqrs = framework(conflicting, List.of(), 0);

        assertThatThrownBy(() -> cqrs.execute("ACCT-1", new OpenAccount("ACCT-1")))

                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateType()).isEqualTo("account");
                    assertThat(conflict.aggregateId()).isEqualTo("ACCT-1");
                    assertThat(conflict.expectedVersion()).isZero();
                    assertThat(conflict.actualVersion()).hasValue(1);
                })
                .hasMessage("account ACCT-1: expected version 0 but the store is at 1 (a concurrent command won); retry");
        assertThat(store.loadEvents("ACCT-1")).extracting(e -> e.metadata().get("by").orElseThrow())
                .containsExactly("competitor");
    }

    @Test
    void retry_gives_up_after_the_configured_number_of_retries() {
        open("ACCT-1");
        var conflicting = new ConflictInjectingStore<>(store, 3, () -> deposited("1", "1"));
        var cqrs = CqrsFramework.builder(conflicting).services((BankAccountServices) services)
                .retryOnConflict(2, Duration.ZERO).build();

        assertThatThrownBy(() -> cqrs.execute("ACCT-1", new DepositMoney(HUNDRED)))

                .isInstanceOf(AggregateConflictException.class);
        assertThat(conflicting.commits()).isEqualTo(3);
        assertThat(store.loadEvents("ACCT-1")).hasSize(4);
    }

    @Test
    void rejects_a_null_or_empty_aggregate_id() {
        var cqrs = framework();

        assertThatThrownBy(() -> cqrs.execute(null, new OpenAccount("ACCT-1")))
                .isInstanceOf(NullPointerException.class).hasMessage("aggregateId");
        assertThatThrownBy(() -> cqrs.execute("", new OpenAccount("ACCT-1"), METADATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("aggregateId must not be empty");
        assertThatThrownBy(() -> cqrs.load(null))
                .isInstanceOf(NullPointerException.class).hasMessage("aggregateId");
        assertThatThrownBy(() -> cqrs.load(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("aggregateId must not be empty");
    }

    @Test
    void rejects_a_null_command_or_metadata() {
        var cqrs = framework();

        assertThatThrownBy(() -> cqrs.execute("ACCT-1", null))
                .isInstanceOf(NullPointerException.class).hasMessage("command");
        assertThatThrownBy(() -> cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata");
        assertThat(store.loadEvents("ACCT-1")).isEmpty();
    }

    @Test
    void the_builder_rejects_a_negative_retry_count_or_back_off() {
        var builder = CqrsFramework.builder(store);

        assertThatThrownBy(() -> builder.retryOnConflict(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRetries must be 0 or more but was -1");
        assertThatThrownBy(() -> builder.retryOnConflict(1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBackoff must not be negative but was PT-0.001S");
    }
}
