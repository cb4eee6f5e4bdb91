// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static io.cqrs4j.dynamodb.TestEvents.event;
import static io.cqrs4j.dynamodb.TestEvents.events;
import static io.cqrs4j.dynamodb.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLimitsTest {

    private final TestDynamo.EventTables tables = TestDynamo.freshEventTables();
    private final PersistedEventRepository repository = tables.repository();

    @Test
    void loads_an_aggregate_whose_events_exceed_one_megabyte_completely() {
        String id = newId();
        for (int from = 1; from <= 3000; from += 100) {
            repository.persist(events("counter", id, from, 100, 1024), null);
        }
        List<Long> all = LongStream.rangeClosed(1, 3000).boxed().toList();

        List<SerializedEvent> loaded = repository.getEvents("counter", id);
        List<SerializedEvent> tail = repository.getLastEvents("counter", id, 10);
        List<Long> streamed;
        try (Stream<SerializedEvent> stream = repository.streamEvents("counter", id)) {
            streamed = stream.map(SerializedEvent::sequence).toList();
        }
        List<Long> streamedByType;
        try (Stream<SerializedEvent> stream = repository.streamAllEvents("counter")) {
            streamedByType = stream.map(SerializedEvent::sequence).toList();
        }

        var onePage = TestDynamo.client().query(r -> r.tableName(tables.events()).consistentRead(true)
                .keyConditionExpression("AggregateTypeAndId = :key")
                .expressionAttributeValues(Map.of(":key", AttributeValue.fromS("counter:" + id))));
        assertThat(onePage.count()).as("events in DynamoDB's first 1 MB page").isLessThan(3000);
        assertThat(loaded.stream().mapToLong(e -> e.payload().length()).sum()).isGreaterThan(3 * 1024 * 1024);
        assertThat(loaded).extracting(SerializedEvent::sequence).containsExactlyElementsOf(all);
        assertThat(tail).extracting(SerializedEvent::sequence).containsExactlyElementsOf(all.subList(10, 3000));
        assertThat(streamed).containsExactlyElementsOf(all);
        assertThat(streamedByType).containsExactlyElementsOf(all);
    }

    @Test
    void commits_100_events_in_one_transaction() {
        String id = newId();

        repository.persist(events("counter", id, 1, 100), null);

        assertThat(repository.getEvents("counter", id)).hasSize(100);
    }

    @Test
    void refuses_a_commit_of_101_events_before_any_call_and_says_why() {
        String id = newId();

        assertThatThrownBy(() -> repository.persist(events("counter", id, 1, 101), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("101 DynamoDB transaction actions (101 events)")
                .hasMessageContaining("at most 100");

        assertThat(repository.getEvents("counter", id)).isEmpty();
    }

    @Test
    void counts_the_snapshot_as_one_of_the_100_actions() {
        String id = newId();
        var snapshot = new SerializedSnapshot("counter", id, "{}", 100, 1);

        assertThatThrownBy(() -> repository.persist(events("counter", id, 1, 100), snapshot))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("101 DynamoDB transaction actions (100 events + 1 snapshot)")
                .hasMessageContaining("at most 99 events");
        repository.persist(events("counter", id, 1, 99), new SerializedSnapshot("counter", id, "{}", 99, 1));

        assertThat(repository.getEvents("counter", id)).hasSize(99);
        assertThat(repository.getSnapshot("counter", id)).isPresent();
    }

    @Test
    void an_aggregate_store_commits_99_events_and_refuses_100() {
        var store = PersistedEventStore.aggregateStore(repository, new Counter.Serializer());
        var cqrs = CqrsFramework.<Counter, Counter.Add, Counter.Added, Void>builder(store).build();
        String id = newId();

        assertThatThrownBy(() -> cqrs.execute(id, new Counter.Add(1, 100, "n")))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("(100 events + 1 snapshot)");
        var result = cqrs.execute(id, new Counter.Add(1, 99, "n"));

        assertThat(result.version()).isEqualTo(99);
        assertThat(cqrs.load(id).aggregate()).isEqualTo(new Counter(99, 99));
    }

    @Test
    void refuses_a_too_large_commit_without_calling_dynamodb() throws Exception {
        URI closed;
        try (var socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (var unreachable = TestDynamo.client(closed)) {
            var offline = DynamoDbCqrs.eventRepository(unreachable, "Events", "Snapshots");

            assertThatThrownBy(() -> offline.persist(events("counter", newId(), 1, 101), null))
                    .isInstanceOf(UnexpectedException.class)
                    .hasMessageContaining("at most 100");
        }
    }

    @Test
    void stores_an_item_of_exactly_400_KB_and_refuses_one_byte_more() {
        String id = newId();
        long withoutNote = ItemSize.of(EventItems.eventItem(event("counter", id, 1, "")));
        int fits = (int) (ItemSize.MAX_ITEM_BYTES - withoutNote);

        assertThatThrownBy(() -> repository.persist(List.of(event("counter", id, 1, "x".repeat(fits + 1))), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("takes 409601 bytes")
                .hasMessageContaining("at most 409600 (400 KB, attribute names included)");
        SerializedEvent largest = event("counter", id, 1, "x".repeat(fits));
        repository.persist(List.of(largest), null);

        assertThat(repository.getEvents("counter", id).getFirst().payload().equals(largest.payload())).isTrue();
    }

    @Test
    void refuses_a_snapshot_above_400_KB_and_writes_none_of_the_commit() {
        String id = newId();
        var snapshot = new SerializedSnapshot("counter", id, "\"" + "x".repeat(410_000) + "\"", 1, 1);

        assertThatThrownBy(() -> repository.persist(events("counter", id, 1, 1), snapshot))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("snapshot at sequence 1")
                .hasMessageContaining("event-sourced store");

        assertThat(repository.getEvents("counter", id)).isEmpty();
    }

    @Test
    void refuses_a_commit_above_4_MB_in_all() {
        String id = newId();

        assertThatThrownBy(() -> repository.persist(events("counter", id, 1, 11, 390_000), null))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("at most 4194304 (4 MB)");

        assertThat(repository.getEvents("counter", id)).isEmpty();
    }
}
