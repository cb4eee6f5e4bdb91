// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.conformance.RawRows;
import io.cqrs4j.conformance.StoredDataContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteStoredDataContractTest extends StoredDataContract {

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
    protected PersistedEventRepository createRepository() {
        return SqliteCqrs.eventRepository(database.dataSource());
    }

    /** JSON is TEXT checked by json_valid, so text that is not JSON is refused. */
    @Override
    protected RawRows rawRows() {
        return RawRows.sql(database.dataSource(), "events", "snapshots", "?");
    }
}
