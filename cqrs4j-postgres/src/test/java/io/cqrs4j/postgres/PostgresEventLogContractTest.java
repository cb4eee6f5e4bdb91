// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.conformance.EventLogContract;
import io.cqrs4j.conformance.RawRows;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.EventLog;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The event log contract on PostgreSQL: eight writers, some holding their transaction open after
 * inserting, and a reader that must see every event exactly once, in per-aggregate order. Here the
 * open transactions hold the reader back below their snapshot horizon (ADR 06), where MySQL and
 * SQLite make them wait for the append lock; {@link PostgresEventLogTest} covers the rest.
 */
class PostgresEventLogContractTest extends EventLogContract {

    private static TestDatabase database;
    private static EventTables tables;

    @BeforeAll
    static void create_the_tables() {
        database = TestDatabase.withEventTables(PostgresEventLogContractTest.class);
        tables = database.tables("");
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
        return PostgresCqrs.eventLog(database.dataSource(), tables);
    }

    /** Inserts as the repository does, on a connection of its own, holding the transaction open {@code holdMillis}. */
    @Override
    protected void appendHeldOpen(List<SerializedEvent> events, long holdMillis) throws SQLException, InterruptedException {
        RawRows.insertHeldOpen(database.dataSource(), tables.events(), "CAST(? AS json)", events, holdMillis,
                connection -> { });
    }
}
