// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static io.cqrs4j.conformance.TallyEvent.added;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.CommandResult;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.Query;
import io.cqrs4j.jackson.JsonUpcasts;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.QueryReplay;
import io.cqrs4j.persist.SemanticVersionEventUpcaster;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link PersistedEventStore} does over a backend's repository, in each of its three modes:
 * the same states and versions for the same history; snapshots that hold exactly the sequence they
 * record; a snapshot that no longer deserializes rebuilt from events and overwritten; upcasting on
 * load, on the tail after a snapshot and on replay; and loads that read at most N events when
 * snapshotting every N.
 *
 * {@snippet :
 * class PostgresPersistedEventStoreContractTest extends PersistedEventStoreContract {
 *     protected PersistedEventRepository createRepository() { return PostgresCqrs.eventRepository(dataSource); }
 *     protected int manyEvents() { return 100_000; }
 * }
 * }
 *
 * <p>Every test uses its own aggregate type and ids, so the suite can share a database with others.
 */
public abstract class PersistedEventStoreContract {

    /** Renames the field {@code n} of the old {@code Added} (version 0.1) to {@code amount} (1.0). */
    private static final SemanticVersionEventUpcaster RENAME_N_TO_AMOUNT = SemanticVersionEventUpcaster.of(
            "Added", "1.0", JsonUpcasts.onFields(fields -> {
                fields.set("amount", fields.remove("n"));
                return fields;
            }));

    /** The repository under test, created before each test. */
    protected PersistedEventRepository repository;

    /** This test's own aggregate type. */
    protected final String type = "tally-" + UUID.randomUUID().toString().substring(0, 8);

    /** The serializer of this test's tallies. */
    protected final EventSerializer<Tally, TallyEvent> serializer = Tally.serializer(type);

    /**
     * Creates the repository under test; called before every test. It may share its database with
     * earlier calls. It runs before the subclass's own {@code @BeforeEach} methods: keep pools and
     * schemas in static fields set up once (a pool per call would exhaust the database's connections).
     *
     * @return the repository
     */
    protected abstract PersistedEventRepository createRepository();

    /**
     * How many events the aggregate of the bounded-read test has; raise it for a real database.
     *
     * @return the event count, at least 200
     */
    protected int manyEvents() {
        return 2_000;
    }

    /**
     * The most events the suite puts in one commit; lower it for a backend with a per-transaction limit.
     *
     * @return the largest batch
     */
    protected int maxEventsPerCommit() {
        return 1_000;
    }

    /** Creates the repository under test. */
    @BeforeEach
    public void createRepositoryUnderTest() {
        repository = createRepository();
    }

    @Test
    public void every_mode_loads_the_same_state_and_version_for_the_same_history() {
        Map<String, PersistedEventStore<Tally, TallyEvent>> modes = new LinkedHashMap<>();
        modes.put("event sourced", PersistedEventStore.eventSourced(repository, serializer));
        modes.put("snapshotting every 1", PersistedEventStore.snapshotting(repository, serializer, 1));
        modes.put("snapshotting every 3", PersistedEventStore.snapshotting(repository, serializer, 3));
        modes.put("snapshotting every 4", PersistedEventStore.snapshotting(repository, serializer, 4));
        modes.put("aggregate store", PersistedEventStore.aggregateStore(repository, serializer));

        modes.forEach((mode, store) -> {
            String id = newId();
            var history = new ArrayList<TallyEvent>();
            for (int batch : new int[] {1, 3, 4, 1, 8, 2, 5, 7}) {
                List<TallyEvent> events = batch(history.size(), batch);
                store.commit(store.load(id), events, Metadata.empty());
                history.addAll(events);

                var loaded = store.load(id);

                assertThat(loaded.version()).as("%s after %d events", mode, history.size()).isEqualTo(history.size());
                assertThat(loaded.aggregate()).as("%s after %d events", mode, history.size())
                        .isEqualTo(Tally.fold(type, history));
                assertSnapshotHoldsExactlyItsSequence(id, history);
            }
        });
    }

    @Test
    public void a_batch_crossing_a_multiple_of_n_snapshots_exactly_the_events_up_to_it() {
        var store = PersistedEventStore.snapshotting(repository, serializer, 4);
        String id = newId();
        List<TallyEvent> history = batch(0, 13);
        store.commit(store.load(id), history.subList(0, 5), Metadata.empty());

        store.commit(store.load(id), history.subList(5, 13), Metadata.empty());

        SerializedSnapshot snapshot = repository.getSnapshot(type, id).orElseThrow();
        assertThat(snapshot.lastSequence()).isEqualTo(12);
        assertThat(snapshot.snapshotVersion()).isEqualTo(2);
        assertThat(serializer.deserializeAggregate(snapshot.payload())).isEqualTo(Tally.fold(type, history.subList(0, 12)));
        var loaded = store.load(id);
        assertThat(loaded.version()).isEqualTo(13);
        assertThat(loaded.aggregate()).isEqualTo(Tally.fold(type, history));
    }

    @Test
    public void snapshots_at_the_highest_multiple_of_n_a_batch_reaches_and_only_then() {
        var store = PersistedEventStore.snapshotting(repository, serializer, 5);
        String id = newId();
        List<TallyEvent> history = batch(0, 13);

        store.commit(store.load(id), history.subList(0, 5), Metadata.empty());
        assertThat(repository.getSnapshot(type, id)).get().extracting(SerializedSnapshot::lastSequence).isEqualTo(5L);
        store.commit(store.load(id), history.subList(5, 8), Metadata.empty());
        assertThat(repository.getSnapshot(type, id)).get().extracting(SerializedSnapshot::lastSequence).isEqualTo(5L);
        store.commit(store.load(id), history.subList(8, 13), Metadata.empty());

        SerializedSnapshot snapshot = repository.getSnapshot(type, id).orElseThrow();
        assertThat(snapshot.lastSequence()).isEqualTo(10);
        assertThat(serializer.deserializeAggregate(snapshot.payload())).isEqualTo(Tally.fold(type, history.subList(0, 10)));
        assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(type, history));
    }

    @Test
    public void the_aggregate_store_keeps_the_current_state_and_loads_no_events() {
        var counting = new CountingRepository(repository);
        var store = PersistedEventStore.aggregateStore(counting, serializer);
        String id = newId();
        var history = new ArrayList<TallyEvent>();

        for (int batch : new int[] {2, 1, 5}) {
            List<TallyEvent> events = batch(history.size(), batch);
            store.commit(store.load(id), events, Metadata.empty());
            history.addAll(events);

            SerializedSnapshot snapshot = repository.getSnapshot(type, id).orElseThrow();
            assertThat(snapshot.lastSequence()).isEqualTo(history.size());
            assertThat(serializer.deserializeAggregate(snapshot.payload())).isEqualTo(Tally.fold(type, history));
        }
        counting.reset();
        var loaded = store.load(id);

        assertThat(loaded.aggregate()).isEqualTo(Tally.fold(type, history));
        assertThat(loaded.version()).isEqualTo(8);
        assertThat(counting.eventsRead()).isZero();
    }

    @Test
    public void a_snapshot_that_no_longer_deserializes_is_rebuilt_from_events_and_overwritten() {
        for (var store : List.of(PersistedEventStore.snapshotting(repository, serializer, 4),
                PersistedEventStore.aggregateStore(repository, serializer))) {
            String id = newId();
            List<TallyEvent> history = new ArrayList<>(batch(0, 6));
            store.commit(store.load(id), history, Metadata.empty());
            writeBrokenSnapshotWith(id, added(7, 7));
            history.add(added(7, 7));

            var rebuilt = store.load(id);
            assertThat(rebuilt.version()).isEqualTo(7);
            assertThat(rebuilt.aggregate()).isEqualTo(Tally.fold(type, history));

            var committed = store.commit(rebuilt, List.of(added(8, 8)), Metadata.empty());
            history.add(added(8, 8));
            SerializedSnapshot rewritten = repository.getSnapshot(type, id).orElseThrow();
            assertThat(rewritten.lastSequence()).isEqualTo(8);
            assertThat(serializer.deserializeAggregate(rewritten.payload())).isEqualTo(Tally.fold(type, history));

            List<TallyEvent> more = batch(8, 5);
            store.commit(store.afterCommit(rebuilt, committed).orElseGet(() -> store.load(id)), more, Metadata.empty());
            history.addAll(more);
            assertThat(store.load(id).version()).isEqualTo(13);
            assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(type, history));
        }
    }

    @Test
    public void upcasts_old_events_on_load() {
        String id = newId();
        repository.persist(oldEvents(id, 1, 3), null);
        var store = PersistedEventStore.eventSourced(repository, serializer).withUpcasters(RENAME_N_TO_AMOUNT);

        var loaded = store.load(id);

        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.aggregate()).isEqualTo(Tally.fold(type, List.of(added(1, 10), added(2, 20), added(3, 30))));
        assertThat(store.loadEvents(id)).extracting(EventEnvelope::payload)
                .containsExactly(added(1, 10), added(2, 20), added(3, 30));
        assertThatThrownBy(() -> PersistedEventStore.eventSourced(repository, serializer).load(id))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("sequence 1");
    }

    @Test
    public void upcasts_the_tail_after_a_snapshot() {
        String id = newId();
        var counting = new CountingRepository(repository);
        var store = PersistedEventStore.snapshotting(counting, serializer, 4).withUpcasters(RENAME_N_TO_AMOUNT);
        List<TallyEvent> first = batch(0, 4);
        store.commit(store.load(id), first, Metadata.empty());
        repository.persist(oldEvents(id, 5, 6), null);
        counting.reset();

        var loaded = store.load(id);

        var history = new ArrayList<>(first);
        history.addAll(List.of(added(5, 50), added(6, 60)));
        assertThat(loaded.version()).isEqualTo(6);
        assertThat(loaded.aggregate()).isEqualTo(Tally.fold(type, history));
        assertThat(counting.eventsRead()).as("events read after the snapshot at 4").isEqualTo(2);
    }

    @Test
    public void upcasts_on_replay() {
        String id = newId();
        repository.persist(oldEvents(id, 1, 2), null);
        var recorder = new Recorder();
        var replay = QueryReplay.of(repository, serializer, recorder).withUpcasters(RENAME_N_TO_AMOUNT);

        long one = replay.replay(id);
        long all = replay.replayAll();

        assertThat(one).isEqualTo(2);
        assertThat(all).isEqualTo(2);
        assertThat(recorder.payloads()).containsExactly(added(1, 10), added(2, 20), added(1, 10), added(2, 20));
    }

    @Test
    public void replays_every_event_of_the_type_each_aggregate_in_order() {
        var store = PersistedEventStore.snapshotting(repository, serializer, 4);
        List<String> ids = List.of(newId(), newId(), newId());
        var histories = new LinkedHashMap<String, List<TallyEvent>>();
        for (int round = 0; round < 3; round++) {
            for (String id : ids) {
                List<TallyEvent> history = histories.computeIfAbsent(id, k -> new ArrayList<>());
                List<TallyEvent> events = batch(history.size(), round + 2);
                store.commit(store.load(id), events, Metadata.empty());
                history.addAll(events);
            }
        }
        var otherType = PersistedEventStore.eventSourced(repository, Tally.serializer(type + "-other"));
        otherType.commit(otherType.load(ids.getFirst()), List.of(added(1, 1000)), Metadata.empty());
        var recorder = new Recorder();

        long replayed = QueryReplay.of(repository, serializer, recorder).replayAll();

        assertThat(replayed).isEqualTo(27);
        Map<String, List<TallyEvent>> byId = recorder.byAggregate();
        assertThat(byId).containsOnlyKeys(ids);
        ids.forEach(id -> assertThat(byId.get(id)).as(id).containsExactlyElementsOf(histories.get(id)));
        assertThat(recorder.sequencesOf(ids.get(1))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    public void a_replay_ends_with_the_error_when_an_event_does_not_deserialize() {
        String id = newId();
        repository.persist(List.of(
                new SerializedEvent(type, id, 1, "Added", "1.0", serializer.serializeEvent(added(1, 1)), "{}"),
                new SerializedEvent(type, id, 2, "Vanished", "1.0", "{\"Vanished\":{}}", "{}")), null);
        var replay = QueryReplay.of(repository, serializer, new Recorder());

        assertThatThrownBy(replay::replayAll)
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("Vanished");
        assertThatThrownBy(() -> replay.replay(id))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("Vanished");
    }

    @Test
    @Timeout(600)
    public void with_snapshots_every_100_a_command_reads_at_most_100_events() {
        String id = newId();
        int many = manyEvents();
        var counting = new CountingRepository(repository);
        var store = PersistedEventStore.snapshotting(counting, serializer, 100);
        for (long version = 0; version < many - 1; ) {
            int size = (int) Math.min(maxEventsPerCommit(), many - 1 - version);
            store.commit(store.load(id), batch(version, size), Metadata.empty());
            version += size;
        }
        CqrsFramework<Tally, TallyCommand, TallyEvent> cqrs = CqrsFramework.builder(store).build();
        counting.reset();

        CommandResult<TallyEvent> result = cqrs.execute(id, TallyCommand.Add.of(1));

        assertThat(counting.eventsRead()).as("events read to handle one command").isLessThanOrEqualTo(100);
        assertThat(counting.fullReads()).as("reads of the whole history").isZero();
        assertThat(result.version()).isEqualTo(many);
        var loaded = store.load(id);
        assertThat(loaded.aggregate().count()).isEqualTo(many);
        assertThat(loaded.aggregate().total()).isEqualTo((long) (many - 1) * many / 2 + 1);
    }

    // ---------------------------------------------------------------------------------------------

    /** The snapshot, if any, holds exactly the state after the events up to the sequence it records. */
    private void assertSnapshotHoldsExactlyItsSequence(String id, List<TallyEvent> history) {
        repository.getSnapshot(type, id).ifPresent(snapshot -> assertThat(serializer.deserializeAggregate(snapshot.payload()))
                .as("snapshot at sequence %d", snapshot.lastSequence())
                .isEqualTo(Tally.fold(type, history.subList(0, (int) snapshot.lastSequence()))));
    }

    /** Appends {@code event} with a snapshot whose JSON is not a tally, as if the record had changed. */
    private void writeBrokenSnapshotWith(String id, TallyEvent event) {
        long version = repository.getSnapshot(type, id).map(SerializedSnapshot::snapshotVersion).orElse(0L);
        long sequence = repository.getEvents(type, id).size() + 1L;
        repository.persist(
                List.of(new SerializedEvent(type, id, sequence, event.eventType(), event.eventVersion(),
                        serializer.serializeEvent(event), "{}")),
                new SerializedSnapshot(type, id, "{\"legacy_balance\":\"12.50\",\"open\":true}", sequence, version + 1));
    }

    /** {@code Added} events of shape 0.1, which named the amount {@code n}; amount = 10 × sequence. */
    private List<SerializedEvent> oldEvents(String id, long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(sequence -> new SerializedEvent(type, id, sequence, "Added", "0.1",
                        "{\"Added\":{\"id\":\"e" + sequence + "\",\"n\":" + sequence * 10 + "}}", "{}"))
                .toList();
    }

    /** {@code size} events following {@code version}; amount = sequence. */
    private static List<TallyEvent> batch(long version, int size) {
        var events = new ArrayList<TallyEvent>(size);
        for (long sequence = version + 1; sequence <= version + size; sequence++) {
            events.add(added(sequence, sequence));
        }
        return events;
    }

    private static String newId() {
        return "tally-" + UUID.randomUUID();
    }

    /** A query that records what it receives. */
    private static final class Recorder implements Query<TallyEvent> {
        private final List<EventEnvelope<TallyEvent>> received = new ArrayList<>();

        @Override
        public synchronized void dispatch(String aggregateId, List<EventEnvelope<TallyEvent>> events) {
            events.forEach(event -> assertThat(event.aggregateId()).isEqualTo(aggregateId));
            received.addAll(events);
        }

        synchronized List<TallyEvent> payloads() {
            return received.stream().map(EventEnvelope::payload).toList();
        }

        synchronized Map<String, List<TallyEvent>> byAggregate() {
            var byId = new LinkedHashMap<String, List<TallyEvent>>();
            received.forEach(event -> byId.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event.payload()));
            return byId;
        }

        synchronized List<Long> sequencesOf(String id) {
            return received.stream().filter(event -> event.aggregateId().equals(id)).map(EventEnvelope::sequence).toList();
        }
    }
}
