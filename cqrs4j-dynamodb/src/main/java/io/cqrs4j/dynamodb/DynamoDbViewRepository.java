// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A {@link ViewRepository} on one DynamoDB table ({@code ViewId} S hash, {@code ViewVersion} N,
 * {@code Payload} B): strongly consistent loads, and updates that are a compare-and-set on the
 * version, so a stale update is a conflict rather than a lost write.
 *
 * @param <V> the view type
 */
final class DynamoDbViewRepository<V> implements ViewRepository<V> {

    private final DynamoDbClient client;
    private final String table;
    private final ViewSerializer<V> serializer;
    private final DynamoDbErrors errors;

    DynamoDbViewRepository(DynamoDbClient client, String table, ViewSerializer<V> serializer) {
        this.client = client;
        this.table = DynamoDbTables.validName("view", table);
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.errors = new DynamoDbErrors(client);
    }

    @Override
    public Optional<StoredView<V>> loadWithContext(String viewId) {
        GetItemResponse response;
        try {
            response = client.getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of(DynamoDbTables.VIEW_ID, EventItems.string(viewId))));
        } catch (SdkException e) {
            throw errors.map("view " + viewId + ": reading from table " + table, e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        var reader = new EventItems.ItemReader(response.item(), table);
        long version = reader.number(DynamoDbTables.VIEW_VERSION);
        String json = reader.json(EventItems.PAYLOAD);
        V view;
        try {
            view = serializer.deserialize(json);
        } catch (RuntimeException e) {
            throw new DeserializationException("view " + viewId + " version " + version + " in table " + table
                    + " does not deserialize: " + e.getMessage(), e);
        }
        return Optional.of(new StoredView<>(view, new ViewContext(viewId, version)));
    }

    @Override
    public void updateView(V view, ViewContext context) {
        Objects.requireNonNull(view, "view");
        String viewId = context.viewInstanceId();
        String json;
        try {
            json = serializer.serialize(view);
        } catch (RuntimeException e) {
            throw new UnexpectedException("view " + viewId + ": the view does not serialize: " + e.getMessage(), e);
        }
        Map<String, AttributeValue> item = Map.of(DynamoDbTables.VIEW_ID, EventItems.string(viewId),
                DynamoDbTables.VIEW_VERSION, EventItems.number(context.version() + 1),
                EventItems.PAYLOAD, EventItems.json(json));
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new UnexpectedException("view " + viewId + " in table " + table + ": the item takes " + size
                    + " bytes but DynamoDB stores at most " + ItemSize.MAX_ITEM_BYTES + " (400 KB) per item; nothing was"
                    + " written: make the view smaller or split it", null);
        }
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item);
        if (context.version() == 0) {
            put.conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", DynamoDbTables.VIEW_ID));
        } else {
            put.conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", DynamoDbTables.VIEW_VERSION))
                    .expressionAttributeValues(Map.of(":expected", EventItems.number(context.version())));
        }
        try {
            client.putItem(put.build());
        } catch (ConditionalCheckFailedException e) {
            throw new AggregateConflictException("view " + viewId + " in table " + table + ": expected version "
                    + context.version() + " but another update stored a different one first (a concurrent update won);"
                    + " reload and retry", e);
        } catch (SdkException e) {
            throw errors.map("view " + viewId + ": writing version " + (context.version() + 1) + " to table " + table, e);
        }
    }
}
