// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static io.cqrs4j.dynamodb.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.QueryReplay;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The three store modes of core on DynamoDB, end to end through the framework. */
class DynamoDbStoreTest {

    private final TestDynamo.EventTables tables = TestDynamo.freshEventTables();
    private final PersistedEventRepository repository = tables.repository();
    private final Counter.Serializer serializer = new Counter.Serializer();

    @Test
    void an_event_sourced_store_folds_every_event_and_keeps_the_metadata() {
        var cqrs = framework(PersistedEventStore.eventSourced(repository, serializer));
        String id = newId();

        cqrs.execute(id, new Counter.Add(2, 3, "a"), Metadata.empty().with("user", "ada"));
        var result = cqrs.execute(id, new Counter.Add(5, 1, "b"));

        assertThat(result.version()).isEqualTo(4);
        assertThat(cqrs.load(id).aggregate()).isEqualTo(new Counter(11, 4));
        assertThat(repository.getEvents(Counter.TYPE, id).getFirst().metadata()).isEqualTo("{\"user\":\"ada\"}");
        assertThat(repository.getSnapshot(Counter.TYPE, id)).isEmpty();
    }

    @Test
    void a_snapshotting_store_snapshots_the_exact_sequence_it_built_the_state_from() {
        var cqrs = framework(PersistedEventStore.snapshotting(repository, serializer, 4));
        String id = newId();

        cqrs.execute(id, new Counter.Add(1, 3, "a"));
        cqrs.execute(id, new Counter.Add(1, 6, "b"));

        SerializedSnapshot snapshot = repository.getSnapshot(Counter.TYPE, id).orElseThrow();
        assertThat(snapshot.lastSequence()).isEqualTo(8);
        assertThat(snapshot.payload()).isEqualTo("{\"total\":8,\"events\":8}");
        assertThat(cqrs.load(id).aggregate()).isEqualTo(new Counter(9, 9));
        assertThat(cqrs.load(id).version()).isEqualTo(9);
    }

    @Test
    void an_aggregate_store_keeps_the_current_aggregate_beside_the_events() {
        var cqrs = framework(PersistedEventStore.aggregateStore(repository, serializer));
        String id = newId();

        cqrs.execute(id, new Counter.Add(3, 2, "a"));
        cqrs.execute(id, new Counter.Add(4, 1, "b"));

        SerializedSnapshot snapshot = repository.getSnapshot(Counter.TYPE, id).orElseThrow();
        assertThat(snapshot).isEqualTo(new SerializedSnapshot(Counter.TYPE, id, "{\"total\":10,\"events\":3}", 3, 2));
        assertThat(cqrs.load(id).aggregate()).isEqualTo(new Counter(10, 3));
    }

    @Test
    void a_snapshot_that_no_longer_deserializes_is_rebuilt_and_overwritten_without_a_lasting_conflict() {
        var cqrs = framework(PersistedEventStore.aggregateStore(repository, serializer));
        String id = newId();
        cqrs.execute(id, new Counter.Add(3, 2, "a"));
        TestDynamo.client().updateItem(r -> r.tableName(tables.snapshots())
                .key(Map.of("AggregateTypeAndId", AttributeValue.fromS(Counter.TYPE + ":" + id)))
                .updateExpression("SET Payload = :old")
                .expressionAttributeValues(Map.of(":old", AttributeValue.fromB(SdkBytes.fromUtf8String("{\"sum\":6}")))));

        cqrs.execute(id, new Counter.Add(1, 1, "b"));
        cqrs.execute(id, new Counter.Add(1, 1, "c"));

        assertThat(cqrs.load(id).aggregate()).isEqualTo(new Counter(8, 4));
        assertThat(repository.getSnapshot(Counter.TYPE, id).orElseThrow().snapshotVersion()).isEqualTo(3);
    }

    @Test
    void replays_every_aggregate_of_a_type_from_the_index() {
        var cqrs = framework(PersistedEventStore.eventSourced(repository, serializer));
        List<String> ids = List.of(newId(), newId());
        for (String id : ids) {
            cqrs.execute(id, new Counter.Add(1, 2, "a"));
        }
        repository.persist(TestEvents.events("other", ids.getFirst(), 1, 3), null);
        var seen = new ArrayList<String>();

        long replayed = QueryReplay.of(repository, serializer,
                (String aggregateId, List<EventEnvelope<Counter.Added>> events) ->
                        events.forEach(e -> seen.add(aggregateId + "#" + e.sequence()))).replayAll();

        assertThat(replayed).isEqualTo(4);
        assertThat(seen).containsExactlyInAnyOrder(ids.get(0) + "#1", ids.get(0) + "#2", ids.get(1) + "#1", ids.get(1) + "#2");
    }

    private static CqrsFramework<Counter, Counter.Add, Counter.Added> framework(PersistedEventStore<Counter, Counter.Added> store) {
        return CqrsFramework.<Counter, Counter.Add, Counter.Added, Void>builder(store).build();
    }
}
