// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.Metadata;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.sqlite.Account.Command.Deposit;
import io.cqrs4j.sqlite.Account.Command.Open;
import io.cqrs4j.sqlite.Account.Event;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteEventRepositoryTest {

    private static final JacksonEventSerializer<Account, Event> SERIALIZER = JacksonEventSerializer.of(Account::initial);

    private static TestSqlite database;
    private static PersistedEventRepository repository;

    private final String id = "ACCT-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_tables() {
        database = TestSqlite.withEventTables();
        repository = SqliteCqrs.eventRepository(database.dataSource());
    }

    @AfterAll
    static void delete_the_file() {
        database.close();
    }

    private static PersistedEventStore<Account, Event> store(String mode) {
        return switch (mode) {
            case "event sourced" -> SqliteCqrs.eventSourced(database.dataSource(), SERIALIZER);
            case "snapshot every 2" -> SqliteCqrs.snapshotting(database.dataSource(), SERIALIZER, 2);
            case "aggregate store" -> SqliteCqrs.aggregateStore(database.dataSource(), SERIALIZER);
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
        return database.count("SELECT count(*) FROM events WHERE aggregate_id = ?", aggregateId);
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
    void only_the_primary_key_is_a_conflict_a_broken_row_is_an_unexpected_error() {
        var notJson = new SerializedEvent("account", id, 1, "CustomerDepositedMoney", "1.0", "{\"unclosed\":", "{}");

        assertThatThrownBy(() -> repository.persist(List.of(notJson), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("SQLite")
                .hasMessageContaining("CHECK constraint failed");

        assertThat(storedEvents(id)).isZero();
    }

    @Test
    void a_write_lock_held_elsewhere_beyond_the_busy_timeout_is_a_connection_error_and_writes_nothing()
            throws Exception {
        try (TestSqlite impatient = TestSqlite.create(200)) {
            SqliteCqrs.createSchema(impatient.dataSource());
            PersistedEventRepository events = SqliteCqrs.eventRepository(impatient.dataSource());
            try (Connection other = impatient.rawConnection(); Statement statement = other.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");

                assertThatThrownBy(() -> events.persist(events(id, 1, 2), null))
                        .isInstanceOf(DatabaseConnectionException.class)
                        .hasMessageContaining("SQLite")
                        .hasMessageContaining("SQLITE_BUSY");

                statement.execute("ROLLBACK");
            }

            assertThat(events.getEvents("account", id)).isEmpty();
            events.persist(events(id, 1, 2), null);
            assertThat(events.getEvents("account", id)).hasSize(2);
        }
    }

    @Test
    void reads_do_not_wait_for_a_writer_that_holds_the_write_lock() throws Exception {
        try (TestSqlite impatient = TestSqlite.create(200)) {
            SqliteCqrs.createSchema(impatient.dataSource());
            PersistedEventRepository events = SqliteCqrs.eventRepository(impatient.dataSource());
            events.persist(events(id, 1, 2), null);
            try (Connection writer = impatient.rawConnection(); Statement statement = writer.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                statement.execute("INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version,"
                        + " payload, metadata) VALUES ('account', '" + id + "', 3, 'CustomerDepositedMoney',"
                        + " '1.0', '{}', '{}')");

                assertThat(events.getEvents("account", id)).extracting(SerializedEvent::sequence)
                        .as("the committed events, read while the writer holds its lock")
                        .containsExactly(1L, 2L);

                statement.execute("COMMIT");
            }
            assertThat(events.getEvents("account", id)).hasSize(3);
        }
    }

    @Test
    void sequences_beyond_the_32_bit_range_are_stored_and_read() {
        long sequence = 3_000_000_000L;

        repository.persist(events(id, sequence, sequence + 1), null);

        assertThat(repository.getLastEvents("account", id, sequence))
                .extracting(SerializedEvent::sequence).containsExactly(sequence + 1);
    }

    @Test
    void tables_with_a_prefix_are_created_and_used_and_other_names_are_refused() {
        EventTables tables = EventTables.withPrefix("bank_");
        SqliteCqrs.createSchema(database.dataSource(), tables);
        PersistedEventRepository bank = SqliteCqrs.eventRepository(database.dataSource(), tables);

        bank.persist(events(id, 1, 1), null);

        assertThat(database.count("SELECT count(*) FROM bank_events WHERE aggregate_id = ?", id)).isEqualTo(1);
        assertThat(storedEvents(id)).isZero();
        assertThatThrownBy(() -> SqliteCqrs.createSchema(database.dataSource(), EventTables.withPrefix("x; drop table events; --")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table prefix");
    }
}
