// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.conformance.EventLogContract;
import io.cqrs4j.conformance.RawRows;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sequencer-row order on real MariaDB (ADR 07): concurrent appenders, some holding their
 * transaction open after inserting, and a reader paging from its checkpoint that must see every
 * event exactly once, in per-aggregate order; and the upgrade of a mysql-es table.
 */
class MysqlEventLogTest extends EventLogContract {

    private static final String TYPE = "ledger";

    private static TestMariaDb database;

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.withEventTables();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected PersistedEventRepository eventRepository() {
        return database.eventRepository();
    }

    @Override
    protected EventLog eventLog() {
        return MysqlCqrs.eventLog(database.dataSource(), database.tables());
    }

    @Override
    protected List<String> storedEventsNotRead(Set<Long> read) {
        return database.query("SELECT global_position AS p, aggregate_id AS id, sequence AS s FROM "
                + database.tables().events() + " ORDER BY global_position").stream()
                .filter(row -> !read.contains(((Number) row.get("p")).longValue())).map(Object::toString).toList();
    }

    /** Inserts as the repository does, on a connection of its own, holding the transaction open {@code holdMillis}. */
    @Override
    protected void appendHeldOpen(List<SerializedEvent> events, long holdMillis) throws SQLException, InterruptedException {
        String table = database.tables().events();
        RawRows.insertHeldOpen(database.dataSource(), table, "?", events, holdMillis,
                connection -> MysqlGlobalOrder.INSTANCE.beforeAppend(connection, table));
    }

    @Test
    void a_mysql_es_table_upgraded_twice_keeps_each_aggregate_in_order_and_numbers_the_rows_mysql_es_adds_later() {
        EventTables rust = database.tables("rust_");
        database.execute("CREATE TABLE " + rust.events() + " (aggregate_type varchar(255) NOT NULL,"
                + " aggregate_id varchar(255) NOT NULL, sequence bigint NOT NULL CHECK (sequence >= 0),"
                + " event_type text NOT NULL, event_version text NOT NULL, payload json NOT NULL, metadata json NOT NULL,"
                + " CONSTRAINT events_pk PRIMARY KEY (aggregate_type, aggregate_id, sequence))");
        for (String id : List.of("b", "a")) {
            for (int sequence = 1; sequence <= 3; sequence++) {
                rustInsert(rust, id, sequence);
            }
        }

        MysqlCqrs.upgradeSchema(database.dataSource(), rust);
        MysqlCqrs.upgradeSchema(database.dataSource(), rust);
        rustInsert(rust, "c", 1);
        List<LoggedEvent> read = MysqlCqrs.eventLog(database.dataSource(), rust).read(LogPosition.START, 100).events();

        assertThat(read).extracting(logged -> logged.event().aggregateId() + "/" + logged.event().sequence())
                .containsExactly("a/1", "a/2", "a/3", "b/1", "b/2", "b/3", "c/1");
        assertThat(read).extracting(logged -> logged.position().position()).isSorted().doesNotHaveDuplicates();
        assertThat(database.count("SELECT appends FROM " + rust.events() + "_sequencer WHERE id = 1")).isZero();
        Map<String, Object> sequencer = database.query("SELECT COUNT(*) AS n FROM " + rust.events() + "_sequencer").getFirst();
        assertThat(((Number) sequencer.get("n")).longValue()).isEqualTo(1);
    }

    private static void rustInsert(EventTables tables, String id, int sequence) {
        database.execute("INSERT INTO " + tables.events() + " (aggregate_type, aggregate_id, sequence, event_type,"
                + " event_version, payload, metadata) VALUES (?, ?, ?, 'Noted', '1.0', '{}', '{}')", TYPE, id, sequence);
    }
}
