// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.EventStore;
import io.cqrs4j.conformance.EventStoreContract;
import io.cqrs4j.conformance.Tally;
import io.cqrs4j.conformance.TallyEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteSnapshottingStoreContractTest extends EventStoreContract {

    private static TestSqlite database;

    @BeforeAll
    static void create_the_tables() {
        database = TestSqlite.withEventTables();
    }

    @AfterAll
    static void delete_the_file() {
        database.close();
    }

    @Override
    protected EventStore<Tally, TallyEvent> createStore() {
        return SqliteCqrs.snapshotting(database.dataSource(), Tally.serializer(), 4);
    }

    /** The race the former concurrency test of this module ran: 8 threads of 1,000 commands, snapshots every 4. */
    @Override
    protected int commandsPerThread() {
        return 1_000;
    }
}
