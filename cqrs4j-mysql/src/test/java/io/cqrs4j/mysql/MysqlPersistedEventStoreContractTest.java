// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.conformance.PersistedEventStoreContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MysqlPersistedEventStoreContractTest extends PersistedEventStoreContract {

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
}
