// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.conformance.PersistedEventStoreContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresPersistedEventStoreContractTest extends PersistedEventStoreContract {

    private static TestDatabase database;

    @BeforeAll
    static void create_the_tables() {
        database = TestDatabase.withEventTables(PostgresPersistedEventStoreContractTest.class);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected PersistedEventRepository createRepository() {
        return database.eventRepository();
    }

    /** The check: with snapshots every 100, a command on 100,000 events reads at most 100. */
    @Override
    protected int manyEvents() {
        return 100_000;
    }
}
