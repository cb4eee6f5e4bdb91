// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The single-writer order on a SQLite file (ADR 07): concurrent appenders, some holding their
 * transaction open after inserting, and a reader paging from its checkpoint that must see every
 * event exactly once, in per-aggregate order; and the upgrade of a table created without the order.
 */
class SqliteEventLogTest extends EventLogContract {

    private static final String TYPE = "ledger";

    private static TestSqlite database;

    @BeforeAll
    static void create_the_tables() {
        database = TestSqlite.withEventTables();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected PersistedEventRepository eventRepository() {
        return SqliteCqrs.eventRepository(database.dataSource());
    }

    @Override
    protected EventLog eventLog() {
        return SqliteCqrs.eventLog(database.dataSource(), EventTables.defaults());
    }

    /** Inserts as the repository does, on a connection of its own, holding the transaction open {@code holdMillis}. */
    @Override
    protected void appendHeldOpen(List<SerializedEvent> events, long holdMillis) throws SQLException, InterruptedException {
        RawRows.insertHeldOpen(database.dataSource(), EventTables.defaults().events(), "?", events, holdMillis,
                connection -> { });
    }

    @Test
    void a_table_created_without_the_order_upgraded_twice_keeps_each_aggregate_in_order_and_numbers_rows_other_writers_add()
            throws SQLException {
        EventTables old = EventTables.withPrefix("old_");
        database.execute("CREATE TABLE " + old.events() + " (aggregate_type TEXT NOT NULL, aggregate_id TEXT NOT NULL,"
                + " sequence INTEGER NOT NULL, event_type TEXT NOT NULL, event_version TEXT NOT NULL, payload TEXT NOT NULL,"
                + " metadata TEXT NOT NULL, PRIMARY KEY (aggregate_type, aggregate_id, sequence))");
        for (String id : List.of("b", "a")) {
            for (int sequence = 1; sequence <= 3; sequence++) {
                otherInsert(old, id, sequence);
            }
        }

        SqliteCqrs.createSchema(database.dataSource(), old);
        SqliteCqrs.upgradeSchema(database.dataSource(), old);
        SqliteCqrs.upgradeSchema(database.dataSource(), old);
        otherInsert(old, "c", 1);
        List<LoggedEvent> read = SqliteCqrs.eventLog(database.dataSource(), old).read(LogPosition.START, 100).events();

        assertThat(read).extracting(logged -> logged.event().aggregateId() + "/" + logged.event().sequence())
                .containsExactly("a/1", "a/2", "a/3", "b/1", "b/2", "b/3", "c/1");
        assertThat(read).extracting(logged -> logged.position().position()).isSorted().doesNotHaveDuplicates();
        assertThat(read).extracting(logged -> logged.recordedAt().isAfter(Instant.parse("2020-01-01T00:00:00Z")))
                .containsOnly(true);
    }

    private static void otherInsert(EventTables tables, String id, int sequence) {
        database.execute("INSERT INTO " + tables.events() + " (aggregate_type, aggregate_id, sequence, event_type,"
                + " event_version, payload, metadata) VALUES (?, ?, ?, 'Noted', '1.0', '{}', '{}')", TYPE, id, sequence);
    }
}
