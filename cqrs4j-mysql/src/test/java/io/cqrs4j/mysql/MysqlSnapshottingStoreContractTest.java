// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.EventStore;
import io.cqrs4j.conformance.EventStoreContract;
import io.cqrs4j.conformance.Tally;
import io.cqrs4j.conformance.TallyEvent;
import io.cqrs4j.persist.PersistedEventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MysqlSnapshottingStoreContractTest extends EventStoreContract {

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
    protected EventStore<Tally, TallyEvent> createStore() {
        return PersistedEventStore.snapshotting(database.eventRepository(), Tally.serializer(), 4);
    }

    /** The race the former concurrency test of this module ran: 8 threads of 1,000 commands, snapshots every 4. */
    @Override
    protected int commandsPerThread() {
        return 1_000;
    }
}
