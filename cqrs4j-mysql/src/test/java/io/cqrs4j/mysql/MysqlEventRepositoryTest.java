// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.Metadata;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.mysql.Account.Command.Deposit;
import io.cqrs4j.mysql.Account.Command.Open;
import io.cqrs4j.mysql.Account.Event;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MysqlEventRepositoryTest {

    private static final JacksonEventSerializer<Account, Event> SERIALIZER = JacksonEventSerializer.of(Account::initial);

    private static TestMariaDb database;
    private static PersistedEventRepository repository;

    private final String id = "ACCT-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.withEventTables();
        repository = database.eventRepository();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    private static PersistedEventStore<Account, Event> store(String mode) {
        return switch (mode) {
            case "event sourced" -> PersistedEventStore.eventSourced(repository, SERIALIZER);
            case "snapshot every 2" -> PersistedEventStore.snapshotting(repository, SERIALIZER, 2);
            case "aggregate store" -> PersistedEventStore.aggregateStore(repository, SERIALIZER);
            default -> throw new IllegalArgumentException(mode);
        };
    }

    private static SerializedEvent event(String aggregateId, long sequence) {
        return new SerializedEvent("account", aggregateId, sequence, "CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"command_id\":\"c" + sequence + "\",\"amount\":1,\"balance\":" + sequence + "}}",
                "{}");
    }

    private static List<SerializedEvent> events(String aggregateId, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(sequence -> event(aggregateId, sequence)).toList();
    }

    private long storedEvents(String aggregateId) {
        return database.count("SELECT count(*) FROM " + database.tables().events() + " WHERE aggregate_id = ?", aggregateId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"event sourced", "snapshot every 2", "aggregate store"})
    void commands_commit_and_the_account_loads_with_its_balance_and_metadata(String mode) {
        var cqrs = CqrsFramework.builder(store(mode)).build();
        var metadata = Metadata.empty().with(Metadata.USER_AGENT, "curl/8.5.0");

        cqrs.execute(id, new Open(id), metadata);
        cqrs.execute(id, new Deposit("c1", new BigDecimal("100.0")), metadata);
        var result = cqrs.execute(id, new Deposit("c2", new BigDecimal("25.50")), metadata);

        assertThat(result.version()).isEqualTo(3);
        var loaded = store(mode).load(id);
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.aggregate()).isEqualTo(new Account(id, new BigDecimal("125.50"), 2));
        assertThat(store(mode).loadEvents(id)).extracting(e -> e.metadata().userAgent().orElseThrow())
                .containsOnly("curl/8.5.0");
    }

    @Test
    void a_batch_at_a_taken_sequence_is_a_conflict_and_writes_none_of_its_events() {
        repository.persist(events(id, 1, 2), null);

        assertThatThrownBy(() -> repository.persist(events(id, 2, 4), null))
                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.aggregateId()).isEqualTo(id);
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict).hasMessageContaining("retry");
                });

        assertThat(storedEvents(id)).isEqualTo(2);
    }

    @Test
    void a_check_violation_shares_sqlstate_23000_with_a_duplicate_key_but_is_no_conflict() {
        var notJson = new SerializedEvent("account", id, 1, "CustomerDepositedMoney", "1.0", "{\"unclosed\":", "{}");

        assertThatThrownBy(() -> repository.persist(List.of(notJson), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("SQLState 23000");

        assertThat(storedEvents(id)).isZero();
    }

    @Test
    void an_id_longer_than_its_column_is_refused_not_cut_short() {
        String longId = "ACCT-" + "x".repeat(300);

        assertThatThrownBy(() -> repository.persist(events(longId, 1, 1), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("too long");

        assertThat(storedEvents(longId.substring(0, 255))).isZero();
    }

    @Test
    void a_stale_snapshot_version_is_a_conflict_checked_before_the_commit() {
        repository.persist(events(id, 1, 2), new SerializedSnapshot("account", id, "{\"n\":2}", 2, 1));

        assertThatThrownBy(() -> repository.persist(events(id, 3, 3), new SerializedSnapshot("account", id, "{\"n\":3}", 3, 1)))
                .isInstanceOf(AggregateConflictException.class);
        assertThatThrownBy(() -> repository.persist(events(id, 3, 3), new SerializedSnapshot("account", id, "{\"n\":3}", 3, 3)))
                .isInstanceOf(AggregateConflictException.class).hasMessageContaining("expected snapshot version 2");
        assertThat(storedEvents(id)).as("the events of the refused commits were rolled back").isEqualTo(2);

        repository.persist(events(id, 3, 4), new SerializedSnapshot("account", id, "{\"n\":4}", 4, 2));

        assertThat(repository.getSnapshot("account", id)).contains(new SerializedSnapshot("account", id, "{\"n\":4}", 4, 2));
        assertThat(database.count("SELECT count(*) FROM " + database.tables().snapshots() + " WHERE aggregate_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void sequences_beyond_the_32_bit_range_are_stored_and_read() {
        long sequence = 5_000_000_000L;

        repository.persist(events(id, sequence, sequence + 1), null);

        assertThat(repository.getLastEvents("account", id, sequence))
                .extracting(SerializedEvent::sequence).containsExactly(sequence + 1);
    }

    @Test
    void every_event_of_a_type_streams_in_key_order_across_pages_that_end_inside_an_aggregate() {
        String type = "paged-" + UUID.randomUUID();
        for (int account = 0; account < 3; account++) {
            repository.persist(seeded(type, "p" + account, 400), null);
        }

        List<SerializedEvent> streamed;
        try (Stream<SerializedEvent> events = repository.streamAllEvents(type)) {
            streamed = events.toList();
        }

        assertThat(streamed).as("global positions read back").allSatisfy(event -> assertThat(event.globalPosition()).isPositive());
        assertThat(streamed.stream().map(event -> event.withGlobalPosition(0)).toList())
                .as("three aggregates of 400 in pages of 500").containsExactlyElementsOf(
                Stream.of("p0", "p1", "p2").flatMap(account -> seeded(type, account, 400).stream()).toList());
    }

    @Test
    void a_page_of_every_event_of_a_type_is_read_as_an_index_range() throws Exception {
        String type = "ranged-" + UUID.randomUUID();
        for (int account = 0; account < 20; account++) {
            repository.persist(seeded(type, "r" + account, 50), null);
        }
        MysqlDialect dialect = MysqlDialect.MYSQL_OR_MARIADB;

        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement explain = connection.prepareStatement(
                     "EXPLAIN " + dialect.selectAllEventsPage(database.tables().events()))) {
            dialect.bindAllEventsPage(explain, type, "r10", 25, 500);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();

                assertThat(plan.getString("type")).isEqualTo("range");
                assertThat(plan.getString("key")).isEqualTo("PRIMARY");
            }
        }
    }

    @Test
    void tables_in_another_name_are_created_and_used_and_other_names_are_refused() {
        EventTables tables = database.tables("bank_");
        MysqlCqrs.createSchema(database.dataSource(), tables);
        PersistedEventRepository bank = MysqlCqrs.eventRepository(database.dataSource(), tables);

        bank.persist(events(id, 1, 1), null);

        assertThat(database.count("SELECT count(*) FROM " + tables.events() + " WHERE aggregate_id = ?", id)).isEqualTo(1);
        assertThat(storedEvents(id)).isZero();
        assertThatThrownBy(() -> MysqlCqrs.createSchema(database.dataSource(), EventTables.withPrefix("x; drop table y; --")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table prefix");
    }

    private static List<SerializedEvent> seeded(String type, String aggregateId, int count) {
        return LongStream.rangeClosed(1, count).mapToObj(sequence -> new SerializedEvent(type, aggregateId, sequence,
                "Noted", "1.0", "{\"Noted\":{\"n\":" + sequence + "}}", "{}")).toList();
    }
}
