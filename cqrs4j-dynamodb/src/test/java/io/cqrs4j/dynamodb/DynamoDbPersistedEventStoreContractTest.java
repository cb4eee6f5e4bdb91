// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.conformance.PersistedEventStoreContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.BeforeAll;

class DynamoDbPersistedEventStoreContractTest extends PersistedEventStoreContract {

    private static TestDynamo.EventTables tables;

    @BeforeAll
    static void create_the_tables() {
        tables = TestDynamo.freshEventTables();
    }

    @Override
    protected PersistedEventRepository createRepository() {
        return tables.repository();
    }

    /** TransactWriteItems takes 100 actions: 99 events and the snapshot. */
    @Override
    protected int maxEventsPerCommit() {
        return 99;
    }
}
