// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** The table definitions (dynamo-es's, plus one index), table name rules, and creating tables. */
final class DynamoDbTables {

    /**
     * The index that reads one aggregate type's events without touching other types':
     * {@code AggregateType} (hash) + {@code AggregateIdSequence} (range), all attributes projected.
     */
    static final String AGGREGATE_TYPE_INDEX = "AggregateTypeIndex";
    static final String VIEW_ID = "ViewId";
    static final String VIEW_VERSION = "ViewVersion";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbTables.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private DynamoDbTables() {
    }

    /** {@code name}, once checked against DynamoDB's table name rules. */
    static String validName(String role, String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(role + " table name " + (name == null ? "null" : "\"" + name + "\"")
                    + " is not a DynamoDB table name: use 3 to 255 characters among a-z, A-Z, 0-9, '_', '-' and '.'");
        }
        return name;
    }

    static CreateTableRequest events(String name) {
        return CreateTableRequest.builder()
                .tableName(validName("events", name))
                .attributeDefinitions(attribute(EventItems.KEY, ScalarAttributeType.S),
                        attribute(EventItems.SEQUENCE, ScalarAttributeType.N),
                        attribute(EventItems.AGGREGATE_TYPE, ScalarAttributeType.S))
                .keySchema(key(EventItems.KEY, KeyType.HASH), key(EventItems.SEQUENCE, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(AGGREGATE_TYPE_INDEX)
                        .keySchema(key(EventItems.AGGREGATE_TYPE, KeyType.HASH), key(EventItems.SEQUENCE, KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    static CreateTableRequest snapshots(String name) {
        return CreateTableRequest.builder()
                .tableName(validName("snapshots", name))
                .attributeDefinitions(attribute(EventItems.KEY, ScalarAttributeType.S))
                .keySchema(key(EventItems.KEY, KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    static CreateTableRequest view(String name) {
        return CreateTableRequest.builder()
                .tableName(validName("view", name))
                .attributeDefinitions(attribute(VIEW_ID, ScalarAttributeType.S))
                .keySchema(key(VIEW_ID, KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    /** Creates each table that does not exist yet, then waits until all of them are active. */
    static void create(DynamoDbClient client, List<CreateTableRequest> tables) {
        var errors = new DynamoDbErrors(client);
        for (CreateTableRequest table : tables) {
            try {
                client.createTable(table);
                LOG.info("creating DynamoDB table {}", table.tableName());
            } catch (ResourceInUseException exists) {
                LOG.debug("DynamoDB table {} exists already", table.tableName());
            } catch (SdkException e) {
                throw errors.map("creating table " + table.tableName(), e);
            }
        }
        var polling = WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(BackoffStrategy.fixedDelay(POLL))
                .waitTimeout(MAX_WAIT)
                .maxAttempts((int) (MAX_WAIT.toMillis() / POLL.toMillis()))
                .build();
        try (var waiter = DynamoDbWaiter.builder().client(client).overrideConfiguration(polling).build()) {
            for (CreateTableRequest table : tables) {
                TableDescription created = waiter.waitUntilTableExists(r -> r.tableName(table.tableName()))
                        .matched().response().orElseThrow(() -> errors.map("waiting for table " + table.tableName(),
                                SdkException.create("the table did not become active", null)))
                        .table();
                warnWithoutIndexes(table, created);
            }
        } catch (SdkException e) {
            throw errors.map("waiting for tables " + tables.stream().map(CreateTableRequest::tableName).toList(), e);
        }
    }

    /** A table made by dynamo-es's scripts lacks the aggregate type index: say what that costs. */
    private static void warnWithoutIndexes(CreateTableRequest wanted, TableDescription existing) {
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            boolean present = existing.globalSecondaryIndexes().stream()
                    .anyMatch(found -> found.indexName().equals(index.indexName()));
            if (!present) {
                LOG.warn("DynamoDB table {} has no index {}: streaming all events of an aggregate type (replaying"
                        + " every aggregate) fails until it is added; see the cqrs4j-dynamodb README", wanted.tableName(),
                        index.indexName());
            }
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
