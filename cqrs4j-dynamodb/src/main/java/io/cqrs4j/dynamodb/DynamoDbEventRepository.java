// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A {@link PersistedEventRepository} on DynamoDB in the dynamo-es item layout: one
 * {@code TransactWriteItems} per commit with conditional puts, strongly consistent paginated reads,
 * and an index that streams one aggregate type's events without reading the others'.
 */
final class DynamoDbEventRepository implements PersistedEventRepository {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbEventRepository.class);

    private final DynamoDbClient client;
    private final String eventsTable;
    private final String snapshotsTable;
    private final DynamoDbErrors errors;

    DynamoDbEventRepository(DynamoDbClient client, String eventsTable, String snapshotsTable) {
        this.client = client;
        this.eventsTable = DynamoDbTables.validName("events", eventsTable);
        this.snapshotsTable = DynamoDbTables.validName("snapshots", snapshotsTable);
        this.errors = new DynamoDbErrors(client);
    }

    @Override
    public List<SerializedEvent> getEvents(String aggregateType, String aggregateId) {
        try (Stream<SerializedEvent> events = streamEvents(aggregateType, aggregateId)) {
            return events.toList();
        }
    }

    @Override
    public List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence) {
        QueryRequest request = QueryRequest.builder()
                .tableName(eventsTable)
                .keyConditionExpression("#key = :key AND #sequence > :after")
                .expressionAttributeNames(Map.of("#key", EventItems.KEY, "#sequence", EventItems.SEQUENCE))
                .expressionAttributeValues(Map.of(":key", EventItems.string(EventItems.key(aggregateType, aggregateId)),
                        ":after", EventItems.number(afterSequence)))
                .consistentRead(true)
                .build();
        try (Stream<SerializedEvent> events = events(request, aggregateType + " " + aggregateId
                + ": reading events after sequence " + afterSequence + " from table " + eventsTable)) {
            return events.toList();
        }
    }

    @Override
    public Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId) {
        GetItemResponse response;
        try {
            response = client.getItem(r -> r.tableName(snapshotsTable).consistentRead(true)
                    .key(Map.of(EventItems.KEY, EventItems.string(EventItems.key(aggregateType, aggregateId)))));
        } catch (SdkException e) {
            throw errors.map(aggregateType + " " + aggregateId + ": reading the snapshot from table " + snapshotsTable, e);
        }
        if (!response.hasItem() || response.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(EventItems.snapshot(response.item(), snapshotsTable));
    }

    @Override
    public void persist(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        var commit = CommitItems.of(events, snapshot);
        var actions = new ArrayList<TransactWriteItem>(commit.actions());
        for (Map<String, AttributeValue> item : commit.eventItems()) {
            actions.add(put(eventsTable, item, "attribute_not_exists(#sequence)",
                    Map.of("#sequence", EventItems.SEQUENCE), Map.of()));
        }
        if (snapshot != null) {
            actions.add(snapshot.snapshotVersion() == 1
                    ? put(snapshotsTable, commit.snapshotItem(), "attribute_not_exists(#key)",
                            Map.of("#key", EventItems.KEY), Map.of())
                    : put(snapshotsTable, commit.snapshotItem(), "#version = :expected",
                            Map.of("#version", EventItems.CURRENT_SNAPSHOT),
                            Map.of(":expected", EventItems.number(snapshot.snapshotVersion() - 1))));
        }
        try {
            // the token makes the SDK's own retries of this call idempotent: a retried commit that
            // in fact succeeded is not reported as a conflict with itself
            client.transactWriteItems(r -> r.transactItems(actions).clientRequestToken(UUID.randomUUID().toString()));
        } catch (TransactionCanceledException e) {
            throw cancelled(events, snapshot, e);
        } catch (SdkException e) {
            throw errors.map(commit.describe() + ": committing to tables " + eventsTable + " and " + snapshotsTable, e);
        }
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item, String condition,
                                         Map<String, String> names, Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /**
     * What a cancelled commit means: a taken sequence, a moved snapshot version, or an item held
     * by a concurrent transaction are conflicts (retry); throttling is a 503; the rest unexpected.
     */
    static CqrsException cancelled(List<SerializedEvent> events, SerializedSnapshot snapshot,
                                   TransactionCanceledException error) {
        SerializedEvent first = events.getFirst();
        List<CancellationReason> reasons = error.hasCancellationReasons() ? error.cancellationReasons() : List.of();
        List<String> codes = reasons.stream().map(reason -> reason.code() == null ? "None" : reason.code()).toList();
        boolean sequenceTaken = codes.stream().limit(events.size()).anyMatch("ConditionalCheckFailed"::equals);
        boolean snapshotMoved = codes.size() > events.size() && "ConditionalCheckFailed".equals(codes.get(events.size()));
        if (sequenceTaken || codes.contains("TransactionConflict")) {
            LOG.debug("{} {}: commit from version {} conflicted: {}", first.aggregateType(), first.aggregateId(),
                    first.sequence() - 1, codes);
            return new AggregateConflictException(first.aggregateType(), first.aggregateId(), first.sequence() - 1, -1, error);
        }
        if (snapshotMoved && snapshot != null) {
            return new AggregateConflictException(first.aggregateType() + " " + first.aggregateId() + ": snapshot version "
                    + (snapshot.snapshotVersion() - 1) + " expected but another command wrote a snapshot first"
                    + " (a concurrent command won); retry", error);
        }
        String what = first.aggregateType() + " " + first.aggregateId() + ": DynamoDB cancelled the commit of sequences "
                + first.sequence() + ".." + events.getLast().sequence() + " (reasons " + codes + ")";
        if (codes.contains("ThrottlingError") || codes.contains("ProvisionedThroughputExceeded")) {
            return new DatabaseConnectionException(what + "; retry later or raise the tables' capacity", error);
        }
        return new UnexpectedException(what + ": " + error.getMessage(), error);
    }

    @Override
    public Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId) {
        QueryRequest request = QueryRequest.builder()
                .tableName(eventsTable)
                .keyConditionExpression("#key = :key")
                .expressionAttributeNames(Map.of("#key", EventItems.KEY))
                .expressionAttributeValues(Map.of(":key", EventItems.string(EventItems.key(aggregateType, aggregateId))))
                .consistentRead(true)
                .build();
        return events(request, aggregateType + " " + aggregateId + ": reading events from table " + eventsTable);
    }

    /**
     * Reads the aggregate type index, which holds only this type's events, ordered by sequence
     * (so each aggregate's in order). Index reads are eventually consistent on DynamoDB: a replay
     * started right after a commit may not see that commit yet.
     */
    @Override
    public Stream<SerializedEvent> streamAllEvents(String aggregateType) {
        QueryRequest request = QueryRequest.builder()
                .tableName(eventsTable)
                .indexName(DynamoDbTables.AGGREGATE_TYPE_INDEX)
                .keyConditionExpression("#type = :type")
                .expressionAttributeNames(Map.of("#type", EventItems.AGGREGATE_TYPE))
                .expressionAttributeValues(Map.of(":type", EventItems.string(EventItems.checkedType(aggregateType))))
                .build();
        return events(request, aggregateType + ": reading all events from index " + DynamoDbTables.AGGREGATE_TYPE_INDEX
                + " of table " + eventsTable);
    }

    private Stream<SerializedEvent> events(QueryRequest request, String what) {
        return QueryPages.stream(client, request, e -> errors.map(what, e))
                .map(item -> EventItems.event(item, eventsTable));
    }
}
