// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.conformance.RawRows;
import io.cqrs4j.conformance.StoredDataContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.BeforeAll;

class DynamoDbStoredDataContractTest extends StoredDataContract {

    private static TestDynamo.EventTables tables;

    @BeforeAll
    static void create_the_tables() {
        tables = TestDynamo.freshEventTables();
    }

    @Override
    protected PersistedEventRepository createRepository() {
        return tables.repository();
    }

    /** Plain PutItems in the dynamo-es layout: no condition, no transaction, bytes as given. */
    @Override
    protected RawRows rawRows() {
        return (events, snapshot) -> {
            events.forEach(event -> TestDynamo.client().putItem(r -> r.tableName(tables.events())
                    .item(EventItems.eventItem(event))));
            if (snapshot != null) {
                TestDynamo.client().putItem(r -> r.tableName(tables.snapshots()).item(EventItems.snapshotItem(snapshot)));
            }
        };
    }

    /** Payloads are binary attributes: any bytes are stored. */
    @Override
    protected boolean storesTextThatIsNotJson() {
        return true;
    }
}
