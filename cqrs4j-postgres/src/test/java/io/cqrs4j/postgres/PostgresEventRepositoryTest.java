// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.Metadata;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.postgres.BankAccount.Command.DepositMoney;
import io.cqrs4j.postgres.BankAccount.Command.OpenAccount;
import io.cqrs4j.postgres.BankAccount.Event;
import io.cqrs4j.postgres.BankAccount.Event.AccountOpened;
import io.cqrs4j.postgres.BankAccount.Event.CustomerDepositedMoney;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresEventRepositoryTest {

    private static final JacksonEventSerializer<BankAccount, Event> SERIALIZER =
            JacksonEventSerializer.of(BankAccount::initial);

    private static TestDatabase database;
    private static PersistedEventRepository repository;

    private final String id = "ACCT-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_tables() {
        database = TestDatabase.forClass(PostgresEventRepositoryTest.class);
        EventTables tables = database.tables("");
        PostgresCqrs.createSchema(database.dataSource(), tables);
        repository = PostgresCqrs.eventRepository(database.dataSource(), tables);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    private PersistedEventStore<BankAccount, Event> store(String mode) {
        return switch (mode) {
            case "event sourced" -> PersistedEventStore.eventSourced(repository, SERIALIZER);
            case "snapshot every 2" -> PersistedEventStore.snapshotting(repository, SERIALIZER, 2);
            case "aggregate store" -> PersistedEventStore.aggregateStore(repository, SERIALIZER);
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static SerializedEvent event(String aggregateId, long sequence) {
        return new SerializedEvent("account", aggregateId, sequence, "CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"amount\":1,\"balance\":" + sequence + "}}", "{}");
    }

    private static List<SerializedEvent> events(String aggregateId, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(sequence -> event(aggregateId, sequence)).toList();
    }

    private long storedEvents(String aggregateId) {
        return database.count("SELECT count(*) FROM " + database.table("events") + " WHERE aggregate_id = ?", aggregateId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"event sourced", "snapshot every 2", "aggregate store"})
    void commands_commit_and_the_account_loads_with_its_balance_and_metadata(String mode) {
        var cqrs = CqrsFramework.builder(store(mode)).build();
        var metadata = Metadata.empty().with(Metadata.USER_AGENT, "curl/8.5.0");

        cqrs.execute(id, new OpenAccount(id), metadata);
        cqrs.execute(id, new DepositMoney(new BigDecimal("100.0")), metadata);
        var result = cqrs.execute(id, new DepositMoney(new BigDecimal("25.50")), metadata);

        assertThat(result.version()).isEqualTo(3);
        var loaded = store(mode).load(id);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.aggregate()).isEqualTo(new BankAccount(id, new BigDecimal("125.50")));
        assertThat(store(mode).loadEvents(id)).extracting(e -> e.metadata().userAgent().orElseThrow())
                .containsOnly("curl/8.5.0");
    }

    @Test
    void a_commit_at_a_sequence_another_commit_took_is_a_conflict_and_writes_nothing() {
        var store = store("event sourced");
        store.commit(store.load(id), List.of(new AccountOpened(id)), Metadata.empty());
        var first = store.load(id);
        var second = store.load(id);
        store.commit(first, List.of(new CustomerDepositedMoney(BigDecimal.ONE, BigDecimal.ONE)), Metadata.empty());

        assertThatThrownBy(() -> store.commit(second, List.of(
                new CustomerDepositedMoney(BigDecimal.TEN, BigDecimal.TEN),
                new CustomerDepositedMoney(BigDecimal.TEN, new BigDecimal("20"))), Metadata.empty()))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateId()).isEqualTo(id);
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict).hasMessageContaining("account " + id).hasMessageContaining("retry");
                });

        assertThat(storedEvents(id)).isEqualTo(2);
        assertThat(store.load(id).aggregate().balance()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void of_two_commits_racing_for_the_same_sequence_exactly_one_wins() throws Exception {
        var barrier = new CyclicBarrier(2);
        var outcomes = new ArrayList<Future<?>>();

        try (var threads = Executors.newFixedThreadPool(2)) {
            for (int writer = 0; writer < 2; writer++) {
                List<SerializedEvent> batch = events(id, 1, 3);
                outcomes.add(threads.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    repository.persist(batch, null);
                    return null;
                }));
            }
        }

        var failures = new ArrayList<Throwable>();
        for (Future<?> outcome : outcomes) {
            try {
                outcome.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).singleElement().isInstanceOf(AggregateConflictException.class);
        assertThat(storedEvents(id)).isEqualTo(3);
    }

    @Test
    void the_snapshot_compare_and_set_is_checked_before_the_commit_and_rolls_back_its_events() {
        repository.persist(events(id, 1, 2), new SerializedSnapshot("account", id, "{\"n\":2}", 2, 1));

        assertThatThrownBy(() -> repository.persist(events(id, 3, 3),
                new SerializedSnapshot("account", id, "{\"n\":3}", 3, 1)))
                .isInstanceOf(AggregateConflictException.class).hasMessageContaining("expected no snapshot");
        assertThatThrownBy(() -> repository.persist(events(id, 3, 3),
                new SerializedSnapshot("account", id, "{\"n\":3}", 3, 3)))
                .isInstanceOf(AggregateConflictException.class).hasMessageContaining("expected snapshot version 2");
        assertThat(storedEvents(id)).isEqualTo(2);

        repository.persist(events(id, 3, 4), new SerializedSnapshot("account", id, "{\"n\":4}", 4, 2));

        assertThat(repository.getSnapshot("account", id))
                .contains(new SerializedSnapshot("account", id, "{\"n\":4}", 4, 2));
        assertThat(database.count("SELECT count(*) FROM " + database.table("snapshots") + " WHERE aggregate_id = ?", id))
                .as("snapshots are updated in place: one row per aggregate").isEqualTo(1);
    }

    @Test
    void a_batch_whose_later_event_collides_writes_none_of_its_events() {
        repository.persist(events(id, 1, 2), null);
        database.execute("INSERT INTO " + database.table("events") + " (aggregate_type, aggregate_id, sequence,"
                + " event_type, event_version, payload, metadata) VALUES ('account', ?, 5, 'X', '1.0', '{}', '{}')", id);

        assertThatThrownBy(() -> repository.persist(events(id, 3, 6), null))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(repository.getEvents("account", id)).extracting(SerializedEvent::sequence).containsExactly(1L, 2L, 5L);
    }

    @Test
    void sequences_beyond_the_32_bit_range_are_stored_and_read() {
        long sequence = 3_000_000_000L;

        repository.persist(events(id, sequence, sequence + 1), null);

        assertThat(repository.getLastEvents("account", id, sequence))
                .extracting(SerializedEvent::sequence).containsExactly(sequence + 1);
    }

    @Test
    void the_tail_after_a_snapshot_is_exactly_the_later_events() {
        repository.persist(events(id, 1, 5), null);

        var tail = repository.getLastEvents("account", id, 3);

        assertThat(tail).extracting(event -> event.withGlobalPosition(0)).containsExactlyElementsOf(events(id, 4, 5));
        assertThat(tail).extracting(SerializedEvent::globalPosition).allMatch(position -> position > 0).isSorted();
        assertThat(repository.getLastEvents("account", "nobody", 0)).isEmpty();
        assertThat(repository.getSnapshot("account", "nobody")).isEmpty();
    }

    @Test
    void a_commit_that_is_not_one_contiguous_aggregate_is_refused_before_the_database() {
        var gap = List.of(event(id, 1), event(id, 3));

        assertThatThrownBy(() -> repository.persist(gap, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contiguous");
        assertThatThrownBy(() -> repository.persist(List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(storedEvents(id)).isZero();
    }

    @Test
    void a_table_name_that_is_not_a_plain_identifier_is_refused_before_any_sql_runs() {
        assertThatThrownBy(() -> PostgresCqrs.eventRepository(database.dataSource(),
                new EventTables("events; drop table x", "snapshots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events table name 'events; drop table x' is not a plain identifier");
        assertThatThrownBy(() -> PostgresCqrs.createSchema(database.dataSource(), EventTables.withPrefix("x; drop table y; --")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
