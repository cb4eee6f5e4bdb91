// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.postgres.BankAccount.Command.DepositMoney;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table made with postgres-es's own DDL, with rows in it, upgraded to the global order: its
 * history keeps each aggregate's order, the Rust crate's inserts keep working, and the event log
 * reads everything.
 */
class PostgresSchemaUpgradeTest {

    /** The postgres-es DDL ({@code db/init.sql}) verbatim but for the table name. */
    private static final String EVENTS_DDL = """
            CREATE TABLE %s
            (
                aggregate_type text                         NOT NULL,
                aggregate_id   text                         NOT NULL,
                sequence       bigint CHECK (sequence >= 0) NOT NULL,
                event_type     text                         NOT NULL,
                event_version  text                         NOT NULL,
                payload        json                         NOT NULL,
                metadata       json                         NOT NULL,
                PRIMARY KEY (aggregate_type, aggregate_id, sequence)
            )""";
    private static final String RUST_INSERT = "INSERT INTO %s (aggregate_type, aggregate_id, sequence, event_type,"
            + " event_version, payload, metadata) VALUES ('account', ?, ?, 'CustomerDepositedMoney', '1.0',"
            + " CAST(? AS json), CAST('{}' AS json))";

    private static TestDatabase database;

    @BeforeAll
    static void connect() {
        database = TestDatabase.forClass(PostgresSchemaUpgradeTest.class);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    private static EventTables postgresEsTable(String prefix) {
        EventTables tables = database.tables(prefix);
        database.execute(EVENTS_DDL.formatted(tables.events()));
        return tables;
    }

    private static void rustInsert(EventTables tables, String id, long sequence) {
        database.execute(RUST_INSERT.formatted(tables.events()), id, sequence,
                "{\"CustomerDepositedMoney\":{\"amount\":1.0,\"balance\":" + sequence + ".0}}");
    }

    private static List<String> columns(EventTables tables) {
        String table = tables.events().substring(tables.events().indexOf('.') + 1);
        return database.query("SELECT column_name, data_type, is_nullable, is_identity, identity_generation FROM"
                + " information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
                database.schema(), table).stream().map(c -> c.get("column_name") + " " + c.get("data_type")
                + ("NO".equals(c.get("is_nullable")) ? " NOT NULL" : "")
                + ("YES".equals(c.get("is_identity")) ? " " + c.get("identity_generation") + " AS IDENTITY" : "")).toList();
    }

    private static List<LoggedEvent> readAll(EventTables tables) throws InterruptedException {
        var reader = new LogReader(PostgresCqrs.eventLog(database.dataSource(), tables), LogPosition.START, event -> true);
        int total = (int) database.count("SELECT count(*) FROM " + tables.events());
        return reader.readUntil(total);
    }

    @Test
    void a_postgres_es_table_with_history_gets_positions_in_each_aggregates_order_and_keeps_taking_rust_inserts()
            throws Exception {
        EventTables tables = postgresEsTable("history_");
        rustInsert(tables, "A", 1);
        rustInsert(tables, "B", 1);
        rustInsert(tables, "A", 2);
        rustInsert(tables, "B", 2);
        rustInsert(tables, "A", 3);
        // a row fixed by hand moves to the end of the heap: physical order is no longer A's order
        database.execute("UPDATE " + tables.events() + " SET metadata = CAST('{\"fixed\":\"yes\"}' AS json)"
                + " WHERE aggregate_id = 'A' AND sequence = 1");

        PostgresCqrs.upgradeSchema(database.dataSource(), tables);
        PostgresCqrs.upgradeSchema(database.dataSource(), tables);
        rustInsert(tables, "B", 3);
        List<LoggedEvent> logged = readAll(tables);

        assertThat(columns(tables)).endsWith("global_position bigint NOT NULL ALWAYS AS IDENTITY",
                "tx_id xid8 NOT NULL", "recorded_at timestamp with time zone NOT NULL");
        assertThat(logged).hasSize(6);
        assertThat(logged).extracting(LoggedEvent::position).isSorted().doesNotHaveDuplicates();
        Map<String, List<Long>> sequences = logged.stream().collect(Collectors.groupingBy(
                event -> event.event().aggregateId(), Collectors.mapping(event -> event.event().sequence(), Collectors.toList())));
        assertThat(sequences).containsEntry("A", List.of(1L, 2L, 3L)).containsEntry("B", List.of(1L, 2L, 3L));
        assertThat(logged.getLast().event().aggregateId() + " " + logged.getLast().event().sequence()).isEqualTo("B 3");
        assertThat(logged.getLast().position().transaction()).isGreaterThan(logged.getFirst().position().transaction());
    }

    @Test
    void after_the_upgrade_envelopes_carry_the_global_position_and_cqrs4j_commits_go_on() throws Exception {
        EventTables tables = postgresEsTable("commits_");
        database.execute(RUST_INSERT.formatted(tables.events()).replace("'CustomerDepositedMoney', '1.0'",
                "'AccountOpened', '1.0'"), "ACCT-1", 1L, "{\"AccountOpened\":{\"account_id\":\"ACCT-1\"}}");
        PostgresCqrs.upgradeSchema(database.dataSource(), tables);
        var store = PersistedEventStore.eventSourced(PostgresCqrs.eventRepository(database.dataSource(), tables),
                JacksonEventSerializer.of(BankAccount::initial));

        CqrsFramework.builder(store).build().execute("ACCT-1", new DepositMoney(new BigDecimal("5.0")));

        var envelopes = store.loadEvents("ACCT-1");
        assertThat(envelopes).extracting(envelope -> envelope.globalPosition()).allMatch(position -> position > 0)
                .isSorted().doesNotHaveDuplicates();
        assertThat(readAll(tables)).extracting(event -> event.position().position())
                .containsExactlyElementsOf(envelopes.stream().map(envelope -> envelope.globalPosition()).toList());
    }

    @Test
    void a_table_that_is_not_upgraded_is_left_alone_by_create_schema_and_read_without_positions() {
        EventTables tables = postgresEsTable("legacy_");
        rustInsert(tables, "A", 1);
        List<String> before = columns(tables);

        PostgresCqrs.createSchema(database.dataSource(), tables);
        var events = PostgresCqrs.eventRepository(database.dataSource(), tables).getEvents("account", "A");

        assertThat(columns(tables)).isEqualTo(before);
        assertThat(events).extracting(SerializedEvent::globalPosition).containsExactly(0L);
    }

    @Test
    void upgrading_a_table_cqrs4j_created_changes_nothing() throws Exception {
        EventTables tables = database.tables("created_");
        PostgresCqrs.createSchema(database.dataSource(), tables);
        rustInsert(tables, "A", 1);
        List<String> before = columns(tables);
        List<LoggedEvent> logged = readAll(tables);

        PostgresCqrs.upgradeSchema(database.dataSource(), tables);
        rustInsert(tables, "A", 2);

        assertThat(columns(tables)).isEqualTo(before);
        assertThat(readAll(tables)).hasSize(2).first().isEqualTo(logged.getFirst());
        assertThat(database.count("SELECT count(*) FROM pg_indexes WHERE schemaname = ? AND tablename = 'created_events'",
                database.schema())).as("the primary key and the log order, no duplicate index").isEqualTo(2);
        assertThat(readAll(tables)).extracting(LoggedEvent::position).isSortedAccordingTo(Comparator.naturalOrder());
    }
}
