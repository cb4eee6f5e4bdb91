// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.conformance.TallyView;
import io.cqrs4j.conformance.ViewRepositoryContract;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import org.junit.jupiter.api.BeforeAll;

class DynamoDbViewRepositoryContractTest extends ViewRepositoryContract {

    private static String table;

    @BeforeAll
    static void create_the_view_table() {
        table = TestDynamo.freshViewTable();
    }

    @Override
    protected ViewRepository<TallyView> createRepository(ViewSerializer<TallyView> serializer) {
        return DynamoDbCqrs.viewRepository(TestDynamo.client(), table, serializer);
    }
}
