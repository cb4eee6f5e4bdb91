// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.conformance.EventRepositoryContract;
import io.cqrs4j.persist.PersistedEventRepository;
import org.junit.jupiter.api.BeforeAll;

class DynamoDbEventRepositoryContractTest extends EventRepositoryContract {

    private static TestDynamo.EventTables tables;

    @BeforeAll
    static void create_the_tables() {
        tables = TestDynamo.freshEventTables();
    }

    @Override
    protected PersistedEventRepository createRepository() {
        return tables.repository();
    }

    /** A DynamoDB item holds at most 400 KB, the JSON escapes and the other attributes included. */
    @Override
    protected int largePayloadBytes() {
        return 350_000;
    }
}
