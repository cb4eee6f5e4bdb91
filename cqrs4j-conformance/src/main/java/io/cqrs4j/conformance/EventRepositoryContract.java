// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.persist.SnapshotAndEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link PersistedEventRepository} does: ordered, contiguous events; atomic commits with
 * optimistic concurrency on the sequence and on the snapshot version; exact JSON round trips;
 * lazy, closeable streams that never mix aggregate types.
 *
 * {@snippet :
 * class PostgresEventRepositoryContractTest extends EventRepositoryContract {
 *     protected PersistedEventRepository createRepository() { return PostgresCqrs.eventRepository(dataSource); }
 * }
 * }
 *
 * <p>Every test uses fresh aggregate ids and a fresh aggregate type, so the suite can share a
 * database with other suites and run again on it.
 */
public abstract class EventRepositoryContract {

    /** The repository under test, created before each test. */
    protected PersistedEventRepository repository;

    /** This test's own aggregate type. */
    protected final String type = "conformance-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * Creates the repository under test; called before every test. It may share its database with
     * earlier calls. It runs before the subclass's own {@code @BeforeEach} methods: keep pools and
     * schemas in static fields set up once (a pool per call would exhaust the database's connections).
     *
     * @return the repository
     */
    protected abstract PersistedEventRepository createRepository();

    /**
     * The size of the large payload test, in UTF-8 bytes; 1 MiB unless the backend has a smaller item limit.
     *
     * @return the payload size
     */
    protected int largePayloadBytes() {
        return 1 << 20;
    }

    /**
     * The most events the suite puts in one commit; lower it for a backend with a per-transaction limit.
     *
     * @return the largest batch
     */
    protected int maxEventsPerCommit() {
        return 100;
    }

    /** Creates the repository under test. */
    @BeforeEach
    public void createRepositoryUnderTest() {
        repository = createRepository();
    }

    @Test
    public void an_unknown_aggregate_has_no_events_and_no_snapshot() {
        String id = newId();

        assertThat(repository.getEvents(type, id)).isEmpty();
        assertThat(repository.getLastEvents(type, id, 0)).isEmpty();
        assertThat(repository.getSnapshot(type, id)).isEmpty();
        try (Stream<SerializedEvent> events = repository.streamEvents(type, id)) {
            assertThat(events).isEmpty();
        }
    }

    @Test
    public void returns_committed_events_in_sequence_order_with_every_field() {
        String id = newId();
        List<SerializedEvent> events = events(type, id, 1, 5);

        repository.persist(events.subList(0, 3), null);
        repository.persist(events.subList(3, 5), null);

        List<SerializedEvent> stored = repository.getEvents(type, id);
        assertThat(StoredJson.of(stored)).containsExactlyElementsOf(StoredJson.of(events));
        assertThat(stored).extracting(SerializedEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertGlobalPositionsIncrease(stored);
    }

    @Test
    public void returns_the_events_after_a_sequence() {
        String id = newId();
        repository.persist(events(type, id, 1, 5), null);

        assertThat(repository.getLastEvents(type, id, 0)).extracting(SerializedEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(repository.getLastEvents(type, id, 2)).extracting(SerializedEvent::sequence)
                .containsExactly(3L, 4L, 5L);
        assertThat(repository.getLastEvents(type, id, 5)).isEmpty();
        assertThat(repository.getLastEvents(type, id, 9)).isEmpty();
    }

    @Test
    public void round_trips_metadata_as_a_json_object_of_strings() {
        String id = newId();
        String metadata = "{\"time\":\"2024-03-01T12:00:00.123456Z\",\"uri\":\"/account/ACCT-1\","
                + "\"User-Agent\":\"curl/8.5.0\",\"correlation_id\":\"c-1\",\"empty\":\"\"}";
        var first = new SerializedEvent(type, id, 1, "Added", "1.0", payload(1, 1), metadata);
        var second = new SerializedEvent(type, id, 2, "Added", "1.0", payload(2, 2), "{}");

        repository.persist(List.of(first, second), null);

        assertThat(StoredJson.of(repository.getEvents(type, id)))
                .containsExactly(StoredJson.of(first), StoredJson.of(second));
    }

    @Test
    public void keeps_unicode_quotes_and_backslashes_exactly() {
        String text = "astral 😀 𝄞 𠜎, quotes \" ' `, backslashes \\ \\\\ \\u0041, tab\t newline\n, "
                + "line separator \u2028, accents éü, cjk 漢字, rtl עברית";
        String id = "id with ü, 😀, \"quotes\", 'single', \\backslash\\ and; -- " + UUID.randomUUID();
        String json = "{\"Noted\":{\"id\":\"e1\",\"text\":" + quote(text) + "}}";
        var event = new SerializedEvent(type, id, 1, "Noted", "1.0", json, "{\"note\":" + quote(text) + "}");

        repository.persist(List.of(event), null);

        List<SerializedEvent> stored = repository.getEvents(type, id);
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().aggregateId()).isEqualTo(id);
        assertThat(StoredJson.tree(stored.getFirst().payload()).at("/Noted/text").textValue()).isEqualTo(text);
        assertThat(StoredJson.tree(stored.getFirst().metadata()).get("note").textValue()).isEqualTo(text);
    }

    @Test
    public void stores_a_large_payload_whole() {
        String id = newId();
        String text = largeText(largePayloadBytes());
        String json = "{\"Noted\":{\"id\":\"e1\",\"text\":" + quote(text) + "}}";

        repository.persist(List.of(new SerializedEvent(type, id, 1, "Noted", "1.0", json, "{}")), null);

        String stored = StoredJson.tree(repository.getEvents(type, id).getFirst().payload()).at("/Noted/text").textValue();
        assertThat(stored.length()).isEqualTo(text.length());
        assertThat(stored).isEqualTo(text);
    }

    @Test
    public void of_two_concurrent_commits_at_the_same_sequence_exactly_one_wins() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            String id = newId();
            repository.persist(events(type, id, 1, 1), null);
            List<SerializedEvent> mine = List.of(marked(id, 2, "first"), marked(id, 3, "first"));
            List<SerializedEvent> theirs = List.of(marked(id, 2, "second"), marked(id, 3, "second"));

            List<Throwable> outcomes = Race.run(List.of(
                    () -> repository.persist(mine, null),
                    () -> repository.persist(theirs, null)));

            assertExactlyOneWon(outcomes);
            List<SerializedEvent> winner = outcomes.get(0) == null ? mine : theirs;
            List<SerializedEvent> stored = repository.getEvents(type, id);
            assertThat(StoredJson.of(stored.subList(1, stored.size()))).as("round %d", round)
                    .containsExactlyElementsOf(StoredJson.of(winner));
        }
    }

    @Test
    public void a_commit_at_a_taken_sequence_conflicts_and_stores_none_of_its_events() {
        String id = newId();
        repository.persist(events(type, id, 1, 2), null);

        assertThatThrownBy(() -> repository.persist(List.of(marked(id, 2, "late"), marked(id, 3, "late"),
                marked(id, 4, "late")), null))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(StoredJson.of(repository.getEvents(type, id))).containsExactlyElementsOf(
                StoredJson.of(events(type, id, 1, 2)));
    }

    @Test
    public void writes_a_snapshot_in_the_same_commit_as_its_events() {
        String id = newId();
        SerializedSnapshot first = snapshot(id, 4, 1);
        SerializedSnapshot second = snapshot(id, 8, 2);

        repository.persist(events(type, id, 1, 4), first);
        assertThat(repository.getSnapshot(type, id).map(StoredJson::of)).contains(StoredJson.of(first));
        repository.persist(events(type, id, 5, 8), second);
        assertThat(repository.getSnapshot(type, id).map(StoredJson::of)).contains(StoredJson.of(second));
        repository.persist(events(type, id, 9, 9), null);

        assertThat(repository.getSnapshot(type, id).map(StoredJson::of)).contains(StoredJson.of(second));
        assertThat(repository.getEvents(type, id)).hasSize(9);
    }

    @Test
    public void keeps_the_exact_sequence_a_snapshot_was_built_from() {
        String id = newId();
        repository.persist(events(type, id, 1, 5), null);

        repository.persist(events(type, id, 6, 13), snapshot(id, 12, 1));

        assertThat(repository.getSnapshot(type, id)).get().extracting(SerializedSnapshot::lastSequence).isEqualTo(12L);
        assertThat(repository.getLastEvents(type, id, 12)).extracting(SerializedEvent::sequence).containsExactly(13L);
    }

    @Test
    public void reads_the_snapshot_and_the_events_after_it_together_as_the_separate_reads_give_them() {
        String id = newId();
        assertThat(repository.getSnapshotAndEvents(type, id).snapshot()).as("nothing stored").isEmpty();
        assertThat(repository.getSnapshotAndEvents(type, id).events()).isEmpty();
        repository.persist(events(type, id, 1, 3), null);

        SnapshotAndEvents before = repository.getSnapshotAndEvents(type, id);
        repository.persist(events(type, id, 4, 6), snapshot(id, 5, 1));
        SnapshotAndEvents after = repository.getSnapshotAndEvents(type, id);

        assertThat(before.snapshot()).as("no snapshot yet").isEmpty();
        assertThat(StoredJson.of(before.events())).as("every event").isEqualTo(StoredJson.of(repository.getEvents(type, id)
                .subList(0, 3)));
        assertThat(after.snapshot().map(StoredJson::of)).contains(StoredJson.of(snapshot(id, 5, 1)));
        assertThat(StoredJson.of(after.events())).as("the events after the snapshot's last sequence")
                .isEqualTo(StoredJson.of(repository.getLastEvents(type, id, 5)));
        assertThat(after.events()).extracting(SerializedEvent::sequence).containsExactly(6L);
    }

    @Test
    public void a_stale_snapshot_version_conflicts_and_stores_none_of_the_events() {
        String id = newId();
        repository.persist(events(type, id, 1, 4), snapshot(id, 4, 1));
        repository.persist(events(type, id, 5, 8), snapshot(id, 8, 2));

        assertThatThrownBy(() -> repository.persist(events(type, id, 9, 12), snapshot(id, 12, 2)))
                .isInstanceOf(AggregateConflictException.class);
        assertThatThrownBy(() -> repository.persist(events(type, id, 9, 12), snapshot(id, 12, 1)))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(repository.getEvents(type, id)).hasSize(8);
        assertThat(repository.getSnapshot(type, id).map(StoredJson::of)).contains(StoredJson.of(snapshot(id, 8, 2)));
    }

    @Test
    public void a_first_snapshot_must_have_version_1() {
        String id = newId();

        assertThatThrownBy(() -> repository.persist(events(type, id, 1, 4), snapshot(id, 4, 2)))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(repository.getEvents(type, id)).isEmpty();
        assertThat(repository.getSnapshot(type, id)).isEmpty();
    }

    @Test
    public void of_two_concurrent_snapshot_writers_exactly_one_wins() throws InterruptedException {
        String id = newId();
        repository.persist(events(type, id, 1, 4), snapshot(id, 4, 1));
        // different events, same snapshot version: as if two stores loaded version 4 and raced
        List<SerializedEvent> mine = List.of(marked(id, 5, "first"));
        List<SerializedEvent> theirs = List.of(marked(id, 5, "second"));

        List<Throwable> outcomes = Race.run(List.of(
                () -> repository.persist(mine, snapshot(id, 5, 2)),
                () -> repository.persist(theirs, snapshot(id, 5, 2))));

        assertExactlyOneWon(outcomes);
        assertThat(repository.getEvents(type, id)).hasSize(5);
        assertThat(repository.getSnapshot(type, id)).get().extracting(SerializedSnapshot::snapshotVersion).isEqualTo(2L);
    }

    @Test
    public void streams_one_aggregates_events_in_sequence_order() {
        String id = newId();
        repository.persist(events(type, id, 1, 3), null);
        repository.persist(events(type, id, 4, 7), null);

        List<SerializedEvent> streamed;
        try (Stream<SerializedEvent> events = repository.streamEvents(type, id)) {
            streamed = events.toList();
        }

        assertThat(StoredJson.of(streamed)).containsExactlyElementsOf(StoredJson.of(events(type, id, 1, 7)));
    }

    @Test
    public void streams_every_event_of_a_type_and_none_of_another() {
        String otherType = type + "-other";
        String a = newId();
        String b = newId();
        repository.persist(events(type, a, 1, 2), null);
        repository.persist(events(otherType, a, 1, 3), null);
        repository.persist(events(type, b, 1, 4), null);
        repository.persist(events(type, a, 3, 5), null);
        repository.persist(events(otherType, newId(), 1, 1), null);

        Map<String, List<Long>> streamed = streamAll(type);

        assertThat(streamed).containsOnlyKeys(a, b);
        assertThat(streamed.get(a)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(streamed.get(b)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(streamAll(otherType).values()).flatMap(list -> list).hasSize(4);
    }

    @Test
    @Timeout(300)
    public void streams_thousands_of_events_lazily_and_can_be_closed_early() {
        int aggregates = 30;
        int perAggregate = 100;
        int batch = Math.min(50, maxEventsPerCommit());
        var ids = new ArrayList<String>();
        for (int i = 0; i < aggregates; i++) {
            ids.add(newId());
        }
        for (int from = 1; from <= perAggregate; from += batch) {
            for (String id : ids) {
                repository.persist(events(type, id, from, Math.min(perAggregate, from + batch - 1)), null);
            }
        }

        for (int i = 0; i < 25; i++) {
            try (Stream<SerializedEvent> events = repository.streamAllEvents(type)) {
                var iterator = events.iterator();
                for (int read = 0; read < 10; read++) {
                    assertThat(iterator.next().aggregateType()).isEqualTo(type);
                }
            }
            try (Stream<SerializedEvent> events = repository.streamEvents(type, ids.get(i))) {
                assertThat(events.findFirst()).get().extracting(SerializedEvent::sequence).isEqualTo(1L);
            }
        }
        Map<String, List<Long>> streamed = streamAll(type);

        assertThat(streamed).hasSize(aggregates);
        List<Long> expected = LongStream.rangeClosed(1, perAggregate).boxed().toList();
        streamed.forEach((id, sequences) -> assertThat(sequences).as(id).isEqualTo(expected));
    }

    @Test
    public void keeps_aggregate_types_and_ids_apart() {
        String id = newId();
        String otherType = type + "-other";
        repository.persist(events(type, id, 1, 3), snapshot(id, 3, 1));
        repository.persist(List.of(new SerializedEvent(otherType, id, 1, "Added", "1.0", payload(1, 99), "{}")), null);
        repository.persist(events(type, id + "-2", 1, 1), null);

        assertThat(repository.getEvents(type, id)).hasSize(3);
        assertThat(repository.getEvents(otherType, id)).singleElement()
                .satisfies(event -> assertThat(StoredJson.tree(event.payload())).isEqualTo(StoredJson.tree(payload(1, 99))));
        assertThat(repository.getEvents(type, id + "-2")).hasSize(1);
        assertThat(repository.getSnapshot(otherType, id)).isEmpty();
        assertThat(repository.getSnapshot(type, id + "-2")).isEmpty();
    }

    @Test
    public void ids_that_differ_only_in_case_are_different_aggregates() {
        String lower = "acct-" + UUID.randomUUID();
        String upper = lower.toUpperCase(java.util.Locale.ROOT);
        repository.persist(events(type, lower, 1, 2), null);

        repository.persist(events(type, upper, 1, 1), null);

        assertThat(repository.getEvents(type, lower)).hasSize(2);
        assertThat(repository.getEvents(type, upper)).hasSize(1);
    }

    @Test
    public void ids_that_differ_only_in_trailing_spaces_are_different_aggregates() {
        String id = newId();
        repository.persist(events(type, id, 1, 2), null);

        repository.persist(events(type, id + " ", 1, 1), null);

        assertThat(repository.getEvents(type, id)).hasSize(2);
        assertThat(repository.getEvents(type, id + " ")).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------

    private Map<String, List<Long>> streamAll(String aggregateType) {
        var byId = new HashMap<String, List<Long>>();
        try (Stream<SerializedEvent> events = repository.streamAllEvents(aggregateType)) {
            events.forEach(event -> {
                assertThat(event.aggregateType()).isEqualTo(aggregateType);
                byId.computeIfAbsent(event.aggregateId(), k -> new ArrayList<>()).add(event.sequence());
            });
        }
        return byId;
    }

    private static void assertExactlyOneWon(List<Throwable> outcomes) {
        long winners = outcomes.stream().filter(outcome -> outcome == null).count();
        assertThat(winners).as("commits that succeeded, outcomes %s", outcomes).isEqualTo(1);
        Throwable loser = outcomes.stream().filter(outcome -> outcome != null).findFirst().orElseThrow();
        assertThat(loser).isInstanceOf(AggregateConflictException.class);
    }

    private static void assertGlobalPositionsIncrease(List<SerializedEvent> events) {
        if (events.stream().allMatch(event -> event.globalPosition() > 0)) {
            assertThat(events).extracting(SerializedEvent::globalPosition).isSorted().doesNotHaveDuplicates();
        }
    }

    /** A fresh aggregate id. */
    static String newId() {
        return "agg-" + UUID.randomUUID();
    }

    /** Events {@code from..to} of one aggregate, as a store would write them. */
    static List<SerializedEvent> events(String aggregateType, String id, long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(sequence -> new SerializedEvent(aggregateType, id, sequence, "Added", "1.0",
                        payload(sequence, sequence * 10), "{\"time\":\"2024-03-01T12:00:00Z\",\"n\":\"" + sequence + "\"}"))
                .toList();
    }

    private SerializedEvent marked(String id, long sequence, String marker) {
        return new SerializedEvent(type, id, sequence, "Noted", "1.0",
                "{\"Noted\":{\"id\":\"e" + sequence + "\",\"text\":\"" + marker + "\"}}", "{\"writer\":\"" + marker + "\"}");
    }

    private SerializedSnapshot snapshot(String id, long lastSequence, long version) {
        return new SerializedSnapshot(type, id, "{\"count\":" + lastSequence + ",\"snapshot\":" + version
                + ",\"amounts\":[1.50,100.0,256.28]}", lastSequence, version);
    }

    private static String payload(long sequence, long amount) {
        return "{\"Added\":{\"id\":\"e" + sequence + "\",\"amount\":" + amount + "}}";
    }

    private static String quote(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String largeText(int utf8Bytes) {
        String unit = "0123456789 abcdefghijklmnopqrstuvwxyz \"quoted\" \\ é 漢 😀\n";
        int unitBytes = unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return unit.repeat(utf8Bytes / unitBytes + 1);
    }
}
