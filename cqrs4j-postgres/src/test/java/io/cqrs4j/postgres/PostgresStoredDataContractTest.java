// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.conformance.RawRows;
import io.cqrs4j.conformance.StoredDataContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresStoredDataContractTest extends StoredDataContract {

    private static TestDatabase database;

    @BeforeAll
    static void create_the_tables() {
        database = TestDatabase.withEventTables(PostgresStoredDataContractTest.class);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected PersistedEventRepository createRepository() {
        return database.eventRepository();
    }

    /** The json columns take text only through a cast, and refuse text that is not JSON. */
    @Override
    protected RawRows rawRows() {
        return RawRows.sql(database.dataSource(), database.table("events"), database.table("snapshots"), "CAST(? AS json)");
    }
}
