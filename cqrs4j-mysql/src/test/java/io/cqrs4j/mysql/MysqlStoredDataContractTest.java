// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.conformance.RawRows;
import io.cqrs4j.conformance.StoredDataContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MysqlStoredDataContractTest extends StoredDataContract {

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
    protected PersistedEventRepository createRepository() {
        return database.eventRepository();
    }

    /** MariaDB's json is text checked by json_valid: bound as a string, refused when not JSON. */
    @Override
    protected RawRows rawRows() {
        return RawRows.sql(database.dataSource(), database.tables().events(), database.tables().snapshots(), "?");
    }
}
