// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.EventStore;
import io.cqrs4j.conformance.EventStoreContract;
import io.cqrs4j.conformance.Tally;
import io.cqrs4j.conformance.TallyEvent;
import io.cqrs4j.persist.PersistedEventStore;
import org.junit.jupiter.api.BeforeAll;

class DynamoDbAggregateStoreContractTest extends EventStoreContract {

    private static TestDynamo.EventTables tables;

    @BeforeAll
    static void create_the_tables() {
        tables = TestDynamo.freshEventTables();
    }

    @Override
    protected EventStore<Tally, TallyEvent> createStore() {
        return PersistedEventStore.aggregateStore(tables.repository(), Tally.serializer());
    }
}
