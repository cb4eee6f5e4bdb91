// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static io.cqrs4j.dynamodb.TestEvents.event;
import static io.cqrs4j.dynamodb.TestEvents.events;
import static io.cqrs4j.dynamodb.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbEventRepositoryTest {

    private final TestDynamo.EventTables tables = TestDynamo.freshEventTables();
    private final PersistedEventRepository repository = tables.repository();

    @Test
    void reads_back_the_events_it_stored_in_sequence_order() {
        String id = newId();
        List<SerializedEvent> first = events("counter", id, 1, 3);
        List<SerializedEvent> second = events("counter", id, 4, 2);

        repository.persist(first, null);
        repository.persist(second, null);

        assertThat(repository.getEvents("counter", id))
                .containsExactlyElementsOf(Stream.concat(first.stream(), second.stream()).toList());
    }

    @Test
    void reads_only_the_events_after_a_sequence() {
        String id = newId();
        repository.persist(events("counter", id, 1, 5), null);

        List<SerializedEvent> tail = repository.getLastEvents("counter", id, 3);

        assertThat(tail).extracting(SerializedEvent::sequence).containsExactly(4L, 5L);
    }

    @Test
    void finds_nothing_for_an_aggregate_without_events() {
        String id = newId();

        assertThat(repository.getEvents("counter", id)).isEmpty();
        assertThat(repository.getLastEvents("counter", id, 0)).isEmpty();
        assertThat(repository.getSnapshot("counter", id)).isEmpty();
        try (Stream<SerializedEvent> stream = repository.streamEvents("counter", id)) {
            assertThat(stream).isEmpty();
        }
    }

    @Test
    void keeps_aggregates_of_the_same_id_but_another_type_apart() {
        String id = newId();
        repository.persist(events("counter", id, 1, 2), null);

        repository.persist(events("account", id, 1, 3), null);

        assertThat(repository.getEvents("counter", id)).hasSize(2).allMatch(e -> e.aggregateType().equals("counter"));
        assertThat(repository.getEvents("account", id)).hasSize(3).allMatch(e -> e.aggregateType().equals("account"));
    }

    @Test
    void refuses_a_taken_sequence_as_a_conflict_and_writes_none_of_the_commit() {
        String id = newId();
        repository.persist(events("counter", id, 1, 2), null);

        assertThatThrownBy(() -> repository.persist(events("counter", id, 2, 3), null))
                .isInstanceOfSatisfying(AggregateConflictException.class, e -> {
                    assertThat(e.aggregateType()).isEqualTo("counter");
                    assertThat(e.aggregateId()).isEqualTo(id);
                    assertThat(e.expectedVersion()).isEqualTo(1);
                });

        assertThat(repository.getEvents("counter", id)).extracting(SerializedEvent::sequence).containsExactly(1L, 2L);
    }

    @Test
    void writes_a_first_snapshot_only_where_none_exists() {
        String id = newId();
        repository.persist(events("counter", id, 1, 2), snapshot(id, 2, 1));

        assertThatThrownBy(() -> repository.persist(events("counter", id, 3, 1), snapshot(id, 3, 1)))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("snapshot version 0 expected");

        assertThat(repository.getSnapshot("counter", id)).contains(snapshot(id, 2, 1));
        assertThat(repository.getEvents("counter", id)).hasSize(2);
    }

    @Test
    void replaces_the_snapshot_only_from_the_version_it_expects() {
        String id = newId();
        repository.persist(events("counter", id, 1, 2), snapshot(id, 2, 1));
        repository.persist(events("counter", id, 3, 2), snapshot(id, 4, 2));

        assertThatThrownBy(() -> repository.persist(events("counter", id, 5, 1), snapshot(id, 5, 2)))
                .isInstanceOf(AggregateConflictException.class);
        repository.persist(events("counter", id, 5, 1), snapshot(id, 5, 3));

        assertThat(repository.getSnapshot("counter", id)).contains(snapshot(id, 5, 3));
        assertThat(repository.getEvents("counter", id)).hasSize(5);
    }

    @Test
    void streams_one_aggregates_events_in_order() {
        String id = newId();
        repository.persist(events("counter", id, 1, 4), null);
        repository.persist(events("counter", newId(), 1, 2), null);

        try (Stream<SerializedEvent> stream = repository.streamEvents("counter", id)) {
            assertThat(stream).extracting(SerializedEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void streams_every_event_of_one_type_and_none_of_another() {
        List<String> counters = List.of(newId(), newId(), newId());
        for (String id : counters) {
            repository.persist(events("counter", id, 1, 3), null);
        }
        repository.persist(events("account", newId(), 1, 4), null);
        repository.persist(events("account", counters.getFirst(), 1, 2), null);

        List<SerializedEvent> all;
        try (Stream<SerializedEvent> stream = repository.streamAllEvents("counter")) {
            all = stream.toList();
        }

        assertThat(all).hasSize(9).allMatch(e -> e.aggregateType().equals("counter"));
        for (String id : counters) {
            assertThat(all).filteredOn(e -> e.aggregateId().equals(id))
                    .extracting(SerializedEvent::sequence).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void stores_events_and_snapshots_in_the_dynamo_es_item_layout() {
        String id = newId();

        repository.persist(List.of(event("counter", id, 1, "n")), snapshot(id, 1, 1));

        Map<String, AttributeValue> item = TestDynamo.client().getItem(r -> r.tableName(tables.events()).consistentRead(true)
                .key(Map.of("AggregateTypeAndId", AttributeValue.fromS("counter:" + id),
                        "AggregateIdSequence", AttributeValue.fromN("1")))).item();
        assertThat(item).containsOnlyKeys("AggregateTypeAndId", "AggregateIdSequence", "AggregateType", "AggregateId",
                "EventType", "EventVersion", "Payload", "Metadata");
        assertThat(item.get("AggregateType").s()).isEqualTo("counter");
        assertThat(item.get("AggregateId").s()).isEqualTo(id);
        assertThat(item.get("EventType").s()).isEqualTo("Added");
        assertThat(item.get("EventVersion").s()).isEqualTo("1.0");
        assertThat(item.get("Payload").b().asUtf8String()).isEqualTo("{\"Added\":{\"amount\":1,\"note\":\"n\"}}");
        assertThat(item.get("Metadata").b().asUtf8String()).isEqualTo("{\"user\":\"test\"}");
        Map<String, AttributeValue> snapshot = TestDynamo.client().getItem(r -> r.tableName(tables.snapshots())
                .consistentRead(true).key(Map.of("AggregateTypeAndId", AttributeValue.fromS("counter:" + id)))).item();
        assertThat(snapshot).containsOnlyKeys("AggregateTypeAndId", "AggregateType", "AggregateId", "CurrentSequence",
                "CurrentSnapshot", "Payload");
        assertThat(snapshot.get("CurrentSequence").n()).isEqualTo("1");
        assertThat(snapshot.get("CurrentSnapshot").n()).isEqualTo("1");
    }

    @Test
    void reads_events_that_dynamo_es_wrote() {
        String id = newId();
        TestDynamo.client().putItem(r -> r.tableName(tables.events()).item(Map.of(
                "AggregateTypeAndId", AttributeValue.fromS("account:" + id),
                "AggregateIdSequence", AttributeValue.fromN("1"),
                "AggregateType", AttributeValue.fromS("account"),
                "AggregateId", AttributeValue.fromS(id),
                "EventType", AttributeValue.fromS("AccountOpened"),
                "EventVersion", AttributeValue.fromS("1.0"),
                "Payload", AttributeValue.fromB(SdkBytes.fromUtf8String("{\"AccountOpened\":{\"account_id\":\"A\"}}")),
                "Metadata", AttributeValue.fromB(SdkBytes.fromUtf8String("{}")))));

        List<SerializedEvent> events = repository.getEvents("account", id);

        assertThat(events).containsExactly(new SerializedEvent("account", id, 1, "AccountOpened", "1.0",
                "{\"AccountOpened\":{\"account_id\":\"A\"}}", "{}"));
    }

    @Test
    void refuses_events_that_are_not_one_contiguous_aggregate() {
        String id = newId();

        assertThatThrownBy(() -> repository.persist(List.of(event("counter", id, 1, "a"), event("counter", id, 3, "b")), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not follow");
        assertThatThrownBy(() -> repository.persist(List.of(event("counter", id, 1, "a"), event("counter", newId(), 2, "b")), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.persist(List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_an_aggregate_type_that_would_make_the_key_ambiguous() {
        assertThatThrownBy(() -> repository.getEvents("bank:account", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without ':'");
    }

    @Test
    void refuses_table_names_that_dynamodb_does_not_accept() {
        assertThatThrownBy(() -> DynamoDbCqrs.eventRepository(TestDynamo.client(), "my events", "Snapshots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"my events\"")
                .hasMessageContaining("3 to 255 characters");
        assertThatThrownBy(() -> DynamoDbCqrs.viewRepository(TestDynamo.client(), "ab", new TextViews()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static SerializedSnapshot snapshot(String id, long lastSequence, long version) {
        return new SerializedSnapshot("counter", id, "{\"total\":" + lastSequence + "}", lastSequence, version);
    }
}
