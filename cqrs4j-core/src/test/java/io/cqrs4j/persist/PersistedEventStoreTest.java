// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateContext;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.persist.Counter.Increment;
import io.cqrs4j.persist.Counter.Incremented;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistedEventStoreTest {

    private static final Metadata METADATA = Metadata.empty().with("correlation_id", "req-1");
    private static final SemanticVersionEventUpcaster RENAME_AMOUNT =
            SemanticVersionEventUpcaster.of("Incremented", "1.0", payload -> payload.replace("\"amount\"", "\"by\""));

    private final InMemoryEventRepository repository = InMemoryEventRepository.create();
    private final CounterSerializer serializer = new CounterSerializer();

    private static CqrsFramework<Counter, Increment, Incremented> cqrs(EventStore<Counter, Incremented> store) {
        return CqrsFramework.builder(store).build();
    }

    private static SerializedEvent stored(String id, long sequence, String version, String payload) {
        return new SerializedEvent("counter", id, sequence, "Incremented", version, payload, "{}");
    }

    private static String incremented(long by) {
        return "{\"Incremented\":{\"by\":" + by + "}}";
    }

    @Test
    void event_sourced_stores_events_in_the_cqrs_es_shape_and_reads_them_back() {
        var store = PersistedEventStore.eventSourced(repository, serializer);

        cqrs(store).execute("C-1", new Increment(2L, 3L), METADATA);

        assertThat(repository.getEvents("counter", "C-1")).containsExactly(
                new SerializedEvent("counter", "C-1", 1, "Incremented", "1.0", incremented(2), "{\"correlation_id\":\"req-1\"}", 1),
                new SerializedEvent("counter", "C-1", 2, "Incremented", "1.0", incremented(3), "{\"correlation_id\":\"req-1\"}", 2));
        assertThat(store.loadEvents("C-1")).containsExactly(
                new EventEnvelope<>("C-1", 1, new Incremented(2), METADATA, 1),
                new EventEnvelope<>("C-1", 2, new Incremented(3), METADATA, 2));
        AggregateContext<Counter> loaded = store.load("C-1");
        assertThat(loaded.aggregate()).isEqualTo(new Counter(5));
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(repository.getSnapshot("counter", "C-1")).isEmpty();
    }

    @Test
    void snapshotting_records_exactly_the_sequence_whose_state_it_holds() {
        var store = PersistedEventStore.snapshotting(repository, serializer, 3);
        var cqrs = cqrs(store);
        for (long i = 1; i <= 4; i++) {
            cqrs.execute("C-1", new Increment(i));
        }
        assertThat(repository.getSnapshot("counter", "C-1"))
                .contains(new SerializedSnapshot("counter", "C-1", "{\"value\":6}", 3, 1));

        cqrs.execute("C-1", new Increment(5L, 6L, 7L));

        assertThat(repository.getSnapshot("counter", "C-1"))
                .contains(new SerializedSnapshot("counter", "C-1", "{\"value\":21}", 6, 2));
        AggregateContext<Counter> loaded = store.load("C-1");
        assertThat(loaded.aggregate()).isEqualTo(new Counter(28));
        assertThat(loaded.version()).isEqualTo(7);
    }

    @Test
    void snapshotting_loads_the_snapshot_plus_the_events_after_it_applying_each_once() {
        var store = PersistedEventStore.snapshotting(repository, serializer, 2);
        var cqrs = cqrs(store);
        cqrs.execute("C-1", new Increment(1L, 10L, 100L));
        int deserializedBefore = serializer.aggregatesDeserialized.get();

        AggregateContext<Counter> loaded = store.load("C-1");

        assertThat(serializer.aggregatesDeserialized.get() - deserializedBefore).isEqualTo(1);
        assertThat(loaded.aggregate()).isEqualTo(new Counter(111));
        assertThat(loaded.version()).isEqualTo(3);
    }

    @Test
    void a_snapshot_that_no_longer_deserializes_is_ignored_and_overwritten_at_the_next_commit() {
        repository.persist(List.of(stored("C-1", 1, "1.0", incremented(1)), stored("C-1", 2, "1.0", incremented(2))),
                new SerializedSnapshot("counter", "C-1", "broken", 2, 1));
        var store = PersistedEventStore.snapshotting(repository, serializer, 10);

        AggregateContext<Counter> loaded = store.load("C-1");
        cqrs(store).execute("C-1", new Increment(4L));

        assertThat(loaded.aggregate()).isEqualTo(new Counter(3));
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(repository.getSnapshot("counter", "C-1"))
                .contains(new SerializedSnapshot("counter", "C-1", "{\"value\":7}", 3, 2));
        assertThat(store.load("C-1").aggregate()).isEqualTo(new Counter(7));
    }

    @Test
    void aggregate_store_replaces_the_stored_aggregate_on_every_commit() {
        var store = PersistedEventStore.aggregateStore(repository, serializer);
        var cqrs = cqrs(store);

        cqrs.execute("C-1", new Increment(1L, 2L));
        cqrs.execute("C-1", new Increment(3L));

        assertThat(repository.getSnapshot("counter", "C-1"))
                .contains(new SerializedSnapshot("counter", "C-1", "{\"value\":6}", 3, 2));
        assertThat(store.load("C-1").aggregate()).isEqualTo(new Counter(6));
        assertThat(repository.getEvents("counter", "C-1")).hasSize(3);
    }

    @Test
    void upcasters_rewrite_old_events_on_load_and_on_load_events() {
        repository.persist(List.of(stored("C-1", 1, "0.9", "{\"Incremented\":{\"amount\":4}}"),
                stored("C-1", 2, "1.0", incremented(1))), null);
        var store = PersistedEventStore.eventSourced(repository, serializer).withUpcasters(RENAME_AMOUNT);

        AggregateContext<Counter> loaded = store.load("C-1");

        assertThat(loaded.aggregate()).isEqualTo(new Counter(5));
        assertThat(store.loadEvents("C-1")).extracting(EventEnvelope::payload)
                .containsExactly(new Incremented(4), new Incremented(1));
        assertThat(repository.getEvents("counter", "C-1").getFirst().eventVersion()).isEqualTo("0.9");
    }

    @Test
    void an_event_that_does_not_deserialize_fails_naming_the_aggregate_sequence_and_type() {
        repository.persist(List.of(stored("C-1", 1, "0.9", "{\"Incremented\":{\"amount\":4}}")), null);
        var store = PersistedEventStore.eventSourced(repository, serializer);

        assertThatThrownBy(() -> store.load("C-1"))

                .isInstanceOf(DeserializationException.class)
                .hasMessageStartingWith("counter C-1 sequence 1 (Incremented 0.9): payload does not deserialize: ");
    }

    @Test
    void commit_refuses_a_context_another_store_loaded() {
        var store = PersistedEventStore.eventSourced(repository, serializer);
        AggregateContext<Counter> foreign = InMemoryEventStore.<Counter, Incremented>create(Counter::initial).load("C-1");

        assertThatThrownBy(() -> store.commit(foreign, List.of(new Incremented(1)), METADATA))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("counter C-1: commit needs the context this store's load returned");
        assertThat(repository.getEvents("counter", "C-1")).isEmpty();
    }

    @Test
    void snapshotting_rejects_an_interval_below_1() {
        assertThatThrownBy(() -> PersistedEventStore.snapshotting(repository, serializer, 0))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("snapshot interval must be at least 1 but was 0");
    }

    @Test
    void query_replay_feeds_one_aggregate_or_all_of_the_type_again_with_upcasters() {
        repository.persist(List.of(stored("C-1", 1, "0.9", "{\"Incremented\":{\"amount\":4}}"),
                stored("C-1", 2, "1.0", incremented(1))), null);
        repository.persist(List.of(stored("C-2", 1, "1.0", incremented(7))), null);
        repository.persist(List.of(new SerializedEvent("other", "X", 1, "Other", "1.0", "{}", "{}")), null);
        var received = new java.util.ArrayList<String>();
        var replay = QueryReplay.of(repository, serializer, (String id, List<EventEnvelope<Incremented>> events) ->
                events.forEach(e -> received.add(id + "/" + e.sequence() + "=" + e.payload().by())))
                .withUpcasters(RENAME_AMOUNT);

        long one = replay.replay("C-1");
        long all = replay.replayAll();

        assertThat(one).isEqualTo(2);
        assertThat(all).isEqualTo(3);
        assertThat(received).containsExactly("C-1/1=4", "C-1/2=1", "C-1/1=4", "C-1/2=1", "C-2/1=7");
    }
}
