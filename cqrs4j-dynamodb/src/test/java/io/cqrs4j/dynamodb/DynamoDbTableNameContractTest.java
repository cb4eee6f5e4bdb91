// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.conformance.TableNameContract;
import io.cqrs4j.conformance.TallyView;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB takes table names as request fields, never as text to parse, but still refuses what it could not store. */
class DynamoDbTableNameContractTest extends TableNameContract {

    @Override
    protected Map<String, Consumer<String>> factoriesTakingATableName() {
        // nothing listens on the discard port: a factory that calls DynamoDB fails with an SdkClientException
        DynamoDbClient client = TestDynamo.clientWithoutRetries(URI.create("http://127.0.0.1:9"));
        var factories = new LinkedHashMap<String, Consumer<String>>();
        factories.put("eventRepository(events)", table -> DynamoDbCqrs.eventRepository(client, table, "Snapshots"));
        factories.put("eventRepository(snapshots)", table -> DynamoDbCqrs.eventRepository(client, "Events", table));
        factories.put("viewRepository", table -> DynamoDbCqrs.viewRepository(client, table, TEXT));
        factories.put("createTables(events)", table -> DynamoDbCqrs.createTables(client, table, "Snapshots"));
        factories.put("createTables(snapshots)", table -> DynamoDbCqrs.createTables(client, "Events", table));
        factories.put("createViewTable", table -> DynamoDbCqrs.createViewTable(client, table));
        return factories;
    }

    @Override
    protected String rule() {
        return "is not a DynamoDB table name";
    }

    @Override
    protected List<String> alsoRefused() {
        return List.of("ab", "events!", "events:x", "events@x");
    }

    @Override
    protected ViewRepository<TallyView> createViewRepository(ViewSerializer<TallyView> serializer) {
        return DynamoDbCqrs.viewRepository(TestDynamo.client(), TestDynamo.freshViewTable(), serializer);
    }
}
