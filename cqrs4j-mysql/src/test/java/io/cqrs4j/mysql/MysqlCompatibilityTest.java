// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.Metadata;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.mysql.DemoAccount.Command.DepositMoney;
import io.cqrs4j.mysql.DemoAccount.Command.OpenAccount;
import io.cqrs4j.mysql.DemoAccount.Command.WithdrawMoney;
import io.cqrs4j.mysql.DemoAccount.Event;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tables made with mysql-es's own DDL, rows written as mysql-es writes them (plain SQL, the JSON
 * serde writes), read by cqrs4j; and rows cqrs4j writes, read back with mysql-es's statements.
 */
class MysqlCompatibilityTest {

    /**
     * mysql-es's {@code db/init.sql} but for the table names, and {@code NOT NULL} moved before
     * {@code CHECK}: MariaDB refuses the crate's order ({@code bigint CHECK (...) NOT NULL}).
     */
    private static final String EVENTS_DDL = """
            CREATE TABLE %s
            (
                aggregate_type varchar(255)                 NOT NULL,
                aggregate_id   varchar(255)                 NOT NULL,
                sequence       bigint NOT NULL CHECK (sequence >= 0),
                event_type     text                         NOT NULL,
                event_version  text                         NOT NULL,
                payload        json                         NOT NULL,
                metadata       json                         NOT NULL,
                CONSTRAINT events_pk PRIMARY KEY (aggregate_type, aggregate_id, sequence)
            )""";
    private static final String SNAPSHOTS_DDL = """
            CREATE TABLE %s
            (
                aggregate_type   varchar(255)                         NOT NULL,
                aggregate_id     varchar(255)                         NOT NULL,
                last_sequence    bigint NOT NULL CHECK (last_sequence >= 0),
                current_snapshot bigint NOT NULL CHECK (current_snapshot >= 0),
                payload          json                                 NOT NULL,
                CONSTRAINT snapshots_pk PRIMARY KEY (aggregate_type, aggregate_id)
            )""";
    private static final String VIEW_DDL = """
            CREATE TABLE %s
            (
                view_id varchar(255)                NOT NULL,
                version bigint NOT NULL CHECK (version >= 0),
                payload json                        NOT NULL,
                CONSTRAINT test_view_pk PRIMARY KEY (view_id)
            )""";
    /** mysql-es's statements (sql_query.rs, view_repository.rs). */
    private static final String RUST_INSERT_EVENT = "INSERT INTO %s (aggregate_type, aggregate_id, sequence, event_type,"
            + " event_version, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String RUST_SELECT_EVENTS = "SELECT aggregate_type, aggregate_id, sequence, event_type,"
            + " event_version, payload, metadata FROM %s WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY sequence";
    private static final String RUST_SELECT_SNAPSHOT = "SELECT aggregate_type, aggregate_id, last_sequence,"
            + " current_snapshot, payload FROM %s WHERE aggregate_type = ? AND aggregate_id = ?";
    private static final String RUST_INSERT_VIEW = "INSERT INTO %s (payload, version, view_id) VALUES (?, ?, ?)";
    private static final String RUST_METADATA =
            "{\"time\":\"2025-03-01T10:15:30.123Z\",\"uri\":\"/account/ACCT-1\",\"User-Agent\":\"curl/8.5.0\"}";

    private static final JacksonEventSerializer<DemoAccount, Event> SERIALIZER = JacksonEventSerializer.of(DemoAccount::initial);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestMariaDb database;

    @BeforeAll
    static void connect() {
        database = TestMariaDb.create();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    /** Events and snapshots tables made with the mysql-es DDL, named after {@code purpose}. */
    private static EventTables rustTables(String purpose) {
        EventTables tables = database.tables(purpose);
        database.execute(EVENTS_DDL.formatted(tables.events()));
        database.execute(SNAPSHOTS_DDL.formatted(tables.snapshots()));
        return tables;
    }

    private static void rustEvent(EventTables tables, String type, String id, long sequence, String eventType, String payload,
                                  String metadata) {
        database.execute(RUST_INSERT_EVENT.formatted(tables.events()), type, id, sequence, eventType, "1.0", payload, metadata);
    }

    private static void rustHistory(EventTables tables, String id) {
        rustEvent(tables, "account", id, 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"" + id + "\"}}", RUST_METADATA);
        rustEvent(tables, "account", id, 2, "CustomerDepositedMoney",
                "{\"CustomerDepositedMoney\":{\"amount\":100.0,\"balance\":100.0}}", RUST_METADATA);
        rustEvent(tables, "account", id, 3, "CustomerWithdrewCash",
                "{\"CustomerWithdrewCash\":{\"amount\":40.0,\"balance\":60.0}}", RUST_METADATA);
    }

    private static JsonNode json(Object text) throws Exception {
        return JSON.readTree(text.toString());
    }

    @Test
    void events_mysql_es_wrote_load_into_the_right_aggregate() {
        EventTables tables = rustTables("rust_events_");
        rustHistory(tables, "ACCT-1");
        rustEvent(tables, "account", "ACCT-2", 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"ACCT-2\"}}", "{}");
        rustEvent(tables, "customer", "ACCT-1", 1, "CustomerCreated", "{\"CustomerCreated\":{\"name\":\"Ann\"}}", "{}");
        var store = PersistedEventStore.eventSourced(MysqlCqrs.eventRepository(database.dataSource(), tables), SERIALIZER);

        var loaded = store.load("ACCT-1");

        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.aggregate()).isEqualTo(new DemoAccount("ACCT-1", new BigDecimal("60.0")));
        assertThat(store.loadEvents("ACCT-1").getFirst().metadata().time()).contains(Instant.parse("2025-03-01T10:15:30.123Z"));
        assertThat(store.load("ACCT-2").version()).isEqualTo(1);
    }

    @Test
    void a_snapshot_mysql_es_wrote_is_the_starting_point_and_is_replaced_in_place() throws Exception {
        EventTables tables = rustTables("rust_snapshot_");
        rustHistory(tables, "ACCT-1");
        database.execute("INSERT INTO " + tables.snapshots() + " (aggregate_type, aggregate_id, last_sequence,"
                + " current_snapshot, payload) VALUES (?, ?, ?, ?, ?)", "account", "ACCT-1", 2, 1,
                "{\"account_id\":\"ACCT-1\",\"balance\":100.0}");
        var store = PersistedEventStore.snapshotting(MysqlCqrs.eventRepository(database.dataSource(), tables), SERIALIZER, 2);
        var cqrs = CqrsFramework.builder(store).build();

        cqrs.execute("ACCT-1", new DepositMoney(new BigDecimal("15.5")));

        assertThat(store.load("ACCT-1").aggregate()).isEqualTo(new DemoAccount("ACCT-1", new BigDecimal("75.5")));
        var snapshots = database.query(RUST_SELECT_SNAPSHOT.formatted(tables.snapshots()), "account", "ACCT-1");
        assertThat(snapshots).hasSize(1);
        assertThat(snapshots.getFirst()).containsEntry("last_sequence", 4L).containsEntry("current_snapshot", 2L);
        assertThat(json(snapshots.getFirst().get("payload"))).isEqualTo(json("{\"account_id\":\"ACCT-1\",\"balance\":75.5}"));
    }

    @Test
    void rows_cqrs4j_writes_are_what_mysql_es_reads() throws Exception {
        EventTables tables = rustTables("cqrs4j_rows_");
        var cqrs = CqrsFramework.builder(PersistedEventStore.aggregateStore(
                MysqlCqrs.eventRepository(database.dataSource(), tables), SERIALIZER)).build();
        var metadata = Metadata.empty().with(Metadata.URI, "/account/ACCT-9").with(Metadata.USER_AGENT, "curl/8.5.0");

        cqrs.execute("ACCT-9", new OpenAccount("ACCT-9"), metadata);
        cqrs.execute("ACCT-9", new DepositMoney(new BigDecimal("100.0")), metadata);
        cqrs.execute("ACCT-9", new WithdrawMoney(new BigDecimal("40.0")), metadata);

        var rows = database.query(RUST_SELECT_EVENTS.formatted(tables.events()), "account", "ACCT-9");
        assertThat(rows).extracting(row -> row.get("sequence")).containsExactly(1L, 2L, 3L);
        assertThat(rows).extracting(row -> row.get("event_type"))
                .containsExactly("AccountOpened", "CustomerDepositedMoney", "CustomerWithdrewCash");
        assertThat(rows).extracting(row -> row.get("event_version")).containsOnly("1.0");
        assertThat(json(rows.get(1).get("payload"))).isEqualTo(json("{\"CustomerDepositedMoney\":{\"amount\":100.0,\"balance\":100.0}}"));
        assertThat(json(rows.get(2).get("metadata"))).isEqualTo(json("{\"uri\":\"/account/ACCT-9\",\"User-Agent\":\"curl/8.5.0\"}"));
        var snapshot = database.query(RUST_SELECT_SNAPSHOT.formatted(tables.snapshots()), "account", "ACCT-9");
        assertThat(snapshot).hasSize(1);
        assertThat(snapshot.getFirst()).containsEntry("last_sequence", 3L).containsEntry("current_snapshot", 3L);
        assertThat(json(snapshot.getFirst().get("payload"))).isEqualTo(json("{\"account_id\":\"ACCT-9\",\"balance\":60.0}"));
    }

    @Test
    void a_view_mysql_es_wrote_loads_and_is_then_updated_only_from_its_version() {
        String table = database.table("rust_view");
        database.execute(VIEW_DDL.formatted(table));
        database.execute(RUST_INSERT_VIEW.formatted(table), "{\"account_id\":\"ACCT-1\",\"balance\":60.0}", 3, "ACCT-1");
        ViewRepository<DemoAccount.View> views = MysqlCqrs.viewRepository(database.dataSource(), table,
                JacksonViewSerializer.of(DemoAccount.View.class));

        var loaded = views.loadWithContext("ACCT-1").orElseThrow();
        views.updateView(new DemoAccount.View("ACCT-1", new BigDecimal("75.5")), loaded.context());

        assertThat(loaded.view()).isEqualTo(new DemoAccount.View("ACCT-1", new BigDecimal("60.0")));
        assertThat(loaded.context().version()).isEqualTo(3);
        assertThatThrownBy(() -> views.updateView(new DemoAccount.View("ACCT-1", BigDecimal.ZERO), loaded.context()))
                .isInstanceOf(AggregateConflictException.class);
        assertThat(database.query("SELECT version FROM " + table + " WHERE view_id = 'ACCT-1'"))
                .containsExactly(Map.of("version", 4L));
    }

    @Test
    void the_schema_cqrs4j_creates_has_the_columns_and_keys_of_the_mysql_es_schema() {
        EventTables rust = rustTables("rust_schema_");
        String rustView = database.table("rust_schema_view");
        database.execute(VIEW_DDL.formatted(rustView));
        EventTables created = database.tables("created_");
        String createdView = database.table("created_view");

        MysqlCqrs.createSchema(database.dataSource(), created);
        MysqlCqrs.createSchema(database.dataSource(), created);
        MysqlCqrs.createViewTable(database.dataSource(), createdView);

        assertThat(shape(created.events())).as("the mysql-es columns, then the global order's")
                .startsWith(shape(rust.events()).toArray(String[]::new)).hasSize(9)
                .anyMatch(column -> column.startsWith("global_position bigint"))
                .anyMatch(column -> column.startsWith("recorded_at timestamp"));
        assertThat(shape(created.snapshots())).isEqualTo(shape(rust.snapshots())).hasSize(5);
        assertThat(shape(createdView)).isEqualTo(shape(rustView)).hasSize(3);
        assertThat(primaryKey(created.events())).containsExactly("aggregate_type", "aggregate_id", "sequence");
        assertThat(primaryKey(created.snapshots())).containsExactly("aggregate_type", "aggregate_id");
        assertThat(primaryKey(createdView)).containsExactly("view_id");
    }

    @Test
    void ids_are_compared_exactly_in_the_tables_cqrs4j_creates_and_as_mysql_es_does_in_its_own() {
        EventTables created = database.tables("exact_");
        MysqlCqrs.createSchema(database.dataSource(), created);
        EventTables rust = rustTables("folded_");

        for (EventTables tables : List.of(created, rust)) {
            rustEvent(tables, "account", "acct-1", 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"acct-1\"}}", "{}");
        }

        assertThat(MysqlCqrs.eventRepository(database.dataSource(), created).getEvents("account", "ACCT-1")).isEmpty();
        assertThat(MysqlCqrs.eventRepository(database.dataSource(), rust).getEvents("account", "ACCT-1"))
                .as("the default collation of a mysql-es table folds case, as it does for the Rust crate").hasSize(1);
    }

    /** Column name, type, nullability, key, in order; the collation is left out. */
    private static List<String> shape(String table) {
        return database.query("SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_key AS k"
                        + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?"
                        + " ORDER BY ordinal_position", table).stream()
                .map(c -> c.get("name") + " " + c.get("type") + " " + c.get("nullable") + " " + c.get("k"))
                .toList();
    }

    private static List<Object> primaryKey(String table) {
        return database.query("SELECT column_name AS name FROM information_schema.key_column_usage WHERE table_schema ="
                + " DATABASE() AND table_name = ? AND constraint_name = 'PRIMARY' ORDER BY ordinal_position", table)
                .stream().map(c -> c.get("name")).toList();
    }
}
