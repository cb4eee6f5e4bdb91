// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.Metadata;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.postgres.BankAccount.Command.DepositMoney;
import io.cqrs4j.postgres.BankAccount.Command.WithdrawMoney;
import io.cqrs4j.postgres.BankAccount.Event;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables made with postgres-es's own DDL, rows written as postgres-es writes them (plain SQL, the
 * JSON serde produces), read by cqrs4j; and rows cqrs4j writes, read back as postgres-es reads them.
 */
class PostgresCompatibilityTest {

    /** The postgres-es DDL ({@code db/init.sql}) verbatim but for the table names and the JSON type. */
    private static final String EVENTS_DDL = """
            CREATE TABLE %s
            (
                aggregate_type text                         NOT NULL,
                aggregate_id   text                         NOT NULL,
                sequence       bigint CHECK (sequence >= 0) NOT NULL,
                event_type     text                         NOT NULL,
                event_version  text                         NOT NULL,
                payload        %s                           NOT NULL,
                metadata       %s                           NOT NULL,%s
                PRIMARY KEY (aggregate_type, aggregate_id, sequence)
            )""";
    private static final String SNAPSHOTS_DDL = """
            CREATE TABLE %s
            (
                aggregate_type   text                                 NOT NULL,
                aggregate_id     text                                 NOT NULL,
                last_sequence    bigint CHECK (last_sequence >= 0)    NOT NULL,
                current_snapshot bigint CHECK (current_snapshot >= 0) NOT NULL,
                payload          %s                                   NOT NULL,
                PRIMARY KEY (aggregate_type, aggregate_id, last_sequence)
            )""";
    /** The statement postgres-es inserts an event with, and the JSON serde_json writes. */
    private static final String RUST_INSERT = "INSERT INTO %s (aggregate_type, aggregate_id, sequence, event_type,"
            + " event_version, payload, metadata) VALUES (?, ?, ?, ?, ?, CAST(? AS json), CAST(? AS json))";
    private static final String RUST_METADATA =
            "{\"time\":\"2025-03-01T10:15:30.123Z\",\"uri\":\"/account/ACCT-1\",\"User-Agent\":\"curl/8.5.0\"}";

    private static final JacksonEventSerializer<BankAccount, Event> SERIALIZER =
            JacksonEventSerializer.of(BankAccount::initial);

    private static TestDatabase database;

    /** The table shapes postgres-es users have: its DDL, with jsonb, and the book's copy with a timestamp. */
    enum Ddl {
        JSON("json", ""),
        JSONB("jsonb", ""),
        BOOK_WITH_TIMESTAMP("json", "\n    timestamp timestamptz DEFAULT CURRENT_TIMESTAMP,");

        final String jsonType;
        final String extraColumn;

        Ddl(String jsonType, String extraColumn) {
            this.jsonType = jsonType;
            this.extraColumn = extraColumn;
        }

        /** Tables of this shape for one test, named after {@code purpose}. */
        EventTables create(String purpose) {
            EventTables tables = database.tables(purpose + "_" + name().toLowerCase() + "_");
            database.execute(EVENTS_DDL.formatted(tables.events(), jsonType, jsonType, extraColumn));
            database.execute(SNAPSHOTS_DDL.formatted(tables.snapshots(), jsonType));
            return tables;
        }
    }

    @BeforeAll
    static void connect() {
        database = TestDatabase.forClass(PostgresCompatibilityTest.class);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    private static void rustEvent(EventTables tables, String id, long sequence, String type, String payload) {
        database.execute(RUST_INSERT.formatted(tables.events()), "account", id, sequence, type, "1.0", payload,
                RUST_METADATA);
    }

    private static void rustHistory(EventTables tables, String id) {
        rustEvent(tables, id, 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"" + id + "\"}}");
        rustEvent(tables, id, 2, "CustomerDepositedMoney", "{\"CustomerDepositedMoney\":{\"amount\":100.0,\"balance\":100.0}}");
        rustEvent(tables, id, 3, "CustomerWithdrewCash", "{\"CustomerWithdrewCash\":{\"amount\":40.0,\"balance\":60.0}}");
    }

    @ParameterizedTest
    @EnumSource(Ddl.class)
    void events_postgres_es_wrote_load_into_the_right_aggregate(Ddl ddl) {
        EventTables tables = ddl.create("rust_events");
        rustHistory(tables, "ACCT-1");
        rustEvent(tables, "ACCT-2", 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"ACCT-2\"}}");
        database.execute(RUST_INSERT.formatted(tables.events()), "customer", "ACCT-1", 1L, "CustomerCreated", "1.0",
                "{\"CustomerCreated\":{\"name\":\"Ann\"}}", "{}");
        var store = PersistedEventStore.eventSourced(PostgresCqrs.eventRepository(database.dataSource(), tables), SERIALIZER);

        var loaded = store.load("ACCT-1");

        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.aggregate()).isEqualTo(new BankAccount("ACCT-1", new BigDecimal("60.0")));
        assertThat(store.loadEvents("ACCT-1").getFirst().metadata().time())
                .contains(Instant.parse("2025-03-01T10:15:30.123Z"));
    }

    @ParameterizedTest
    @EnumSource(Ddl.class)
    void a_snapshot_postgres_es_wrote_is_the_starting_point_and_is_replaced_in_place(Ddl ddl) {
        EventTables tables = ddl.create("rust_snapshot");
        rustHistory(tables, "ACCT-1");
        database.execute("INSERT INTO " + tables.snapshots() + " (aggregate_type, aggregate_id, last_sequence,"
                + " current_snapshot, payload) VALUES ('account', 'ACCT-1', 2, 1,"
                + " CAST('{\"account_id\":\"ACCT-1\",\"balance\":100.0}' AS json))");
        var store = PersistedEventStore.snapshotting(PostgresCqrs.eventRepository(database.dataSource(), tables), SERIALIZER, 2);
        var cqrs = CqrsFramework.builder(store).build();

        cqrs.execute("ACCT-1", new DepositMoney(new BigDecimal("15.5")));

        assertThat(store.load("ACCT-1").aggregate()).isEqualTo(new BankAccount("ACCT-1", new BigDecimal("75.5")));
        assertThat(database.query("SELECT last_sequence, current_snapshot, payload::text AS payload FROM "
                + tables.snapshots())).containsExactly(Map.of("last_sequence", 4L, "current_snapshot", 2L,
                "payload", ddl == Ddl.JSONB
                        ? "{\"balance\": 75.5, \"account_id\": \"ACCT-1\"}"
                        : "{\"account_id\":\"ACCT-1\",\"balance\":75.5}"));
    }

    @ParameterizedTest
    @EnumSource(Ddl.class)
    void rows_cqrs4j_writes_are_what_postgres_es_reads(Ddl ddl) {
        EventTables tables = ddl.create("cqrs4j_rows");
        var cqrs = CqrsFramework.builder(PersistedEventStore.aggregateStore(
                PostgresCqrs.eventRepository(database.dataSource(), tables), SERIALIZER)).build();
        var metadata = Metadata.empty().with(Metadata.URI, "/account/ACCT-9").with(Metadata.USER_AGENT, "curl/8.5.0");

        cqrs.execute("ACCT-9", new BankAccount.Command.OpenAccount("ACCT-9"), metadata);
        cqrs.execute("ACCT-9", new DepositMoney(new BigDecimal("100.0")), metadata);
        cqrs.execute("ACCT-9", new WithdrawMoney(new BigDecimal("40.0")), metadata);

        // postgres-es: SELECT ... WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY sequence
        var rows = database.query("SELECT aggregate_type, aggregate_id, sequence, event_type, event_version,"
                + " payload::jsonb = CAST(? AS jsonb) AS payload_matches, metadata::jsonb AS metadata FROM "
                + tables.events() + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY sequence",
                "{\"CustomerDepositedMoney\":{\"amount\":100.0,\"balance\":100.0}}", "account", "ACCT-9");
        assertThat(rows).extracting(row -> row.get("event_type")).containsExactly(
                "AccountOpened", "CustomerDepositedMoney", "CustomerWithdrewCash");
        assertThat(rows).extracting(row -> row.get("sequence")).containsExactly(1L, 2L, 3L);
        assertThat(rows).extracting(row -> row.get("event_version")).containsOnly("1.0");
        assertThat(rows).extracting(row -> row.get("payload_matches")).containsExactly(false, true, false);
        assertThat(rows).extracting(row -> row.get("metadata").toString()).containsOnly(
                "{\"uri\": \"/account/ACCT-9\", \"User-Agent\": \"curl/8.5.0\"}");
        assertThat(database.count("SELECT count(*) FROM " + tables.snapshots() + " WHERE payload::jsonb"
                + " = CAST('{\"account_id\":\"ACCT-9\",\"balance\":60.0}' AS jsonb) AND last_sequence = 3"
                + " AND current_snapshot = 3")).isEqualTo(1);
    }

    @Test
    void of_the_snapshot_rows_a_postgres_es_table_can_hold_the_newest_is_read_and_only_it_is_replaced() {
        EventTables tables = database.tables("rows_");
        database.execute(EVENTS_DDL.formatted(tables.events(), "json", "json", ""));
        database.execute(SNAPSHOTS_DDL.formatted(tables.snapshots(), "json"));
        rustHistory(tables, "ACCT-1");
        // postgres-es after a snapshot it could not read: a second row, its counter restarted at 1
        database.execute("INSERT INTO " + tables.snapshots() + " VALUES ('account', 'ACCT-1', 1, 1, '{\"broken\":true}')");
        database.execute("INSERT INTO " + tables.snapshots() + " VALUES ('account', 'ACCT-1', 2, 1,"
                + " '{\"account_id\":\"ACCT-1\",\"balance\":100.0}')");
        PersistedEventRepository repository = PostgresCqrs.eventRepository(database.dataSource(), tables);
        var cqrs = CqrsFramework.builder(PersistedEventStore.snapshotting(repository, SERIALIZER, 2)).build();

        cqrs.execute("ACCT-1", new DepositMoney(new BigDecimal("15.5")));

        assertThat(database.query("SELECT last_sequence, current_snapshot FROM " + tables.snapshots()
                + " ORDER BY last_sequence")).containsExactly(
                Map.of("last_sequence", 1L, "current_snapshot", 1L),
                Map.of("last_sequence", 4L, "current_snapshot", 2L));
        assertThat(repository.getSnapshot("account", "ACCT-1").orElseThrow().lastSequence()).isEqualTo(4);
    }

    @Test
    void the_schema_cqrs4j_creates_is_the_postgres_es_schema_plus_the_global_order_columns() {
        EventTables tables = database.tables("created_");

        PostgresCqrs.createSchema(database.dataSource(), tables);
        PostgresCqrs.createSchema(database.dataSource(), tables);

        var columns = database.query("SELECT table_name, column_name, data_type, is_nullable FROM"
                + " information_schema.columns WHERE table_schema = ? AND table_name IN ('created_events',"
                + " 'created_snapshots') ORDER BY table_name, ordinal_position", database.schema());
        assertThat(columns).extracting(c -> c.get("table_name") + "." + c.get("column_name") + " " + c.get("data_type")
                + (c.get("is_nullable").equals("NO") ? " NOT NULL" : "")).containsExactly(
                "created_events.aggregate_type text NOT NULL",
                "created_events.aggregate_id text NOT NULL",
                "created_events.sequence bigint NOT NULL",
                "created_events.event_type text NOT NULL",
                "created_events.event_version text NOT NULL",
                "created_events.payload json NOT NULL",
                "created_events.metadata json NOT NULL",
                "created_events.global_position bigint NOT NULL",
                "created_events.tx_id xid8 NOT NULL",
                "created_events.recorded_at timestamp with time zone NOT NULL",
                "created_snapshots.aggregate_type text NOT NULL",
                "created_snapshots.aggregate_id text NOT NULL",
                "created_snapshots.last_sequence bigint NOT NULL",
                "created_snapshots.current_snapshot bigint NOT NULL",
                "created_snapshots.payload json NOT NULL");
        assertThat(database.query("SELECT a.attname AS column FROM pg_index i JOIN pg_attribute a"
                + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary"
                + " AND i.indrelid = CAST(? AS regclass) ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)", tables.events()))
                .extracting(row -> row.get("column")).containsExactly("aggregate_type", "aggregate_id", "sequence");
    }
}
