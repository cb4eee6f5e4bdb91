// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static io.cqrs4j.conformance.TallyEvent.added;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.TextNode;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.Metadata;
import io.cqrs4j.Query;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.QueryReplay;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a store does with bad stored data, written past the serializer ({@link RawRows}): an event
 * whose payload does not parse or has the wrong shape, an event type the aggregate does not know,
 * metadata that is not a JSON object of strings, a snapshot that no longer reads. Loading that
 * aggregate fails with a {@link DeserializationException} naming the aggregate, the sequence and
 * the event type, keeping the parser's error as its cause; nothing stored changes; other
 * aggregates keep working; a bad snapshot falls back to the events. Values holding SQL
 * ({@code '); DROP TABLE events; --}) are stored and read back as plain data.
 *
 * {@snippet :
 * class PostgresStoredDataContractTest extends StoredDataContract {
 *     protected PersistedEventRepository createRepository() { return database.eventRepository(); }
 *     protected RawRows rawRows() { return RawRows.sql(pool, "events", "snapshots", "CAST(? AS json)"); }
 * }
 * }
 */
public abstract class StoredDataContract {

    /** SQL that would drop the events table if it were ever spliced into a statement. */
    protected static final String HOSTILE = "x'); DROP TABLE events; -- \" ` ' '' \\' ; /* */ OR '1'='1";

    /** The repository under test, created before each test. */
    protected PersistedEventRepository repository;

    /** This test's own aggregate type. */
    protected final String type = "stored-" + UUID.randomUUID().toString().substring(0, 8);

    private final EventSerializer<Tally, TallyEvent> serializer = Tally.serializer(type);

    /**
     * Creates the repository under test; called before every test (see {@link EventRepositoryContract#createRepository()}).
     *
     * @return the repository
     */
    protected abstract PersistedEventRepository createRepository();

    /**
     * The writer of raw rows into the storage {@link #repository} reads.
     *
     * @return the writer
     */
    protected abstract RawRows rawRows();

    /**
     * Whether the storage keeps text that is not JSON in a JSON column; SQL {@code json} columns and
     * {@code json_valid} checks refuse it, so those backends skip the unparseable cases.
     *
     * @return true if unparseable JSON can be stored
     */
    protected boolean storesTextThatIsNotJson() {
        return false;
    }

    /** Creates the repository under test. */
    @BeforeEach
    public void createRepositoryUnderTest() {
        repository = createRepository();
    }

    @Test
    public void an_event_whose_payload_does_not_read_fails_the_load_naming_aggregate_sequence_and_type() {
        var payloads = new ArrayList<>(List.of("{\"Added\":{\"id\":\"e2\",\"amount\":\"lots\"}}",
                "{\"Added\":{\"id\":\"e2\",\"amount\":{\"value\":2}}}", "[\"Added\",{\"id\":\"e2\"}]", "42",
                "null", "{}", "{\"Added\":{\"id\":\"e2\",\"amount\":2},\"Noted\":{}}"));
        if (storesTextThatIsNotJson()) {
            payloads.addAll(List.of("{\"Added\":{\"id\":\"e2\",\"amount\":", "", "not json at all"));
        }
        for (String payload : payloads) {
            String id = newId();
            List<SerializedEvent> stored = storeWithBadSecondEvent(id, "Added", payload, "{}");

            for (var store : List.of(PersistedEventStore.eventSourced(repository, serializer),
                    PersistedEventStore.snapshotting(repository, serializer, 100),
                    PersistedEventStore.aggregateStore(repository, serializer))) {
                assertNamesTheEvent(() -> store.load(id), id, "Added", payload);
                assertNamesTheEvent(() -> store.loadEvents(id), id, "Added", payload);
            }
            assertNamesTheEvent(() -> QueryReplay.of(repository, serializer, ignore()).replay(id), id, "Added", payload);
            assertUnchanged(id, stored);
            assertAnotherAggregateWorks();
        }
    }

    @Test
    public void an_unknown_event_type_fails_the_load_naming_the_type_and_what_to_add() {
        String id = newId();
        List<SerializedEvent> stored = storeWithBadSecondEvent(id, "AccountRenamed",
                "{\"AccountRenamed\":{\"name\":\"Savings\"}}", "{}");
        var store = PersistedEventStore.eventSourced(repository, serializer);

        var error = assertNamesTheEvent(() -> store.load(id), id, "AccountRenamed", "unknown type");

        assertThat(error.getMessage()).as("says what to do").contains("upcaster").contains("record")
                .contains(TallyEvent.class.getName());
        assertUnchanged(id, stored);
        assertAnotherAggregateWorks();
    }

    @Test
    public void metadata_that_is_not_an_object_of_strings_fails_reading_the_events_naming_aggregate_sequence_and_type() {
        for (String metadata : List.of("[]", "[\"time\",\"now\"]", "\"time\"", "7", "null", "true",
                "{\"time\":7}", "{\"nested\":{\"a\":\"b\"}}")) {
            String id = newId();
            List<SerializedEvent> stored = storeWithBadSecondEvent(id, "Added",
                    serializer.serializeEvent(added(2, 2)), metadata);
            var store = PersistedEventStore.eventSourced(repository, serializer);

            var error = assertNamesTheEvent(() -> store.loadEvents(id), id, "Added", metadata);
            assertThat(error.getMessage()).as("metadata %s", metadata).contains("metadata");
            assertNamesTheEvent(() -> QueryReplay.of(repository, serializer, ignore()).replay(id), id, "Added", metadata);
            // folding the state reads no metadata (docs/benchmarks.md), so commands on the aggregate still run
            assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(type, List.of(added(1, 1), added(2, 2))));
            assertUnchanged(id, stored);
            assertAnotherAggregateWorks();
        }
    }

    @Test
    public void a_snapshot_that_does_not_read_falls_back_to_the_events_and_the_command_succeeds() {
        var payloads = new ArrayList<>(List.of("{\"legacy_balance\":\"12.50\",\"open\":true}",
                "{\"type\":\"" + type + "\",\"count\":\"four\",\"total\":0,\"checksum\":0,\"recent\":[]}",
                "[4]", "\"tally\"", "4", "null"));
        if (storesTextThatIsNotJson()) {
            payloads.addAll(List.of("{\"type\":", "", "not json"));
        }
        for (String payload : payloads) {
            assertFallsBackToEvents(PersistedEventStore.snapshotting(repository, serializer, 4), payload);
            assertFallsBackToEvents(PersistedEventStore.aggregateStore(repository, serializer), payload);
        }
    }

    /** Six events and a snapshot at 4 that does not read: a command still succeeds and rewrites the snapshot. */
    private void assertFallsBackToEvents(PersistedEventStore<Tally, TallyEvent> store, String payload) {
        String id = newId();
        List<TallyEvent> history = new ArrayList<>(List.of(added(1, 1), added(2, 2), added(3, 3), added(4, 4),
                added(5, 5), added(6, 6)));
        rawRows().insert(rows(id, history), new SerializedSnapshot(type, id, payload, 4, 1));
        var cqrs = CqrsFramework.builder(store).build();

        var result = cqrs.execute(id, TallyCommand.Add.of(7, 8));

        history.addAll(List.of(added(7, 7), added(8, 8)));
        assertThat(result.version()).as("snapshot %s", payload).isEqualTo(8);
        assertThat(store.load(id).aggregate()).as("snapshot %s", payload).isEqualTo(Tally.fold(type, history));
        SerializedSnapshot rewritten = repository.getSnapshot(type, id).orElseThrow();
        assertThat(rewritten.lastSequence()).as("snapshot %s", payload).isEqualTo(8);
        assertThat(rewritten.snapshotVersion()).as("snapshot %s: written over the bad one", payload).isEqualTo(2);
        assertThat(serializer.deserializeAggregate(rewritten.payload())).isEqualTo(Tally.fold(type, history));
    }

    @Test
    public void values_holding_sql_are_stored_and_read_back_as_plain_data() {
        String before = newId();
        var store = PersistedEventStore.snapshotting(repository, serializer, 2);
        store.commit(store.load(before), List.of(added(1, 1)), Metadata.empty());
        String id = "acct " + HOSTILE + " " + UUID.randomUUID();
        String hostileType = type + HOSTILE;
        var row = new SerializedEvent(hostileType, id, 1, "Event" + HOSTILE, "1.0" + HOSTILE,
                "{\"Noted\":{\"id\":\"e1\",\"text\":" + quote(HOSTILE) + "}}",
                "{\"user\":" + quote(HOSTILE) + "," + quote(HOSTILE) + ":\"v\"}");
        var snapshot = new SerializedSnapshot(hostileType, id, "{\"note\":" + quote(HOSTILE) + "}", 1, 1);

        repository.persist(List.of(row), snapshot);
        var cqrs = CqrsFramework.builder(store).build();
        cqrs.execute(id, new TallyCommand.Note(HOSTILE), Metadata.of(Map.of("client_ip", HOSTILE, HOSTILE, HOSTILE)));
        cqrs.execute(id, new TallyCommand.Note(HOSTILE));

        assertThat(StoredJson.of(repository.getEvents(hostileType, id))).containsExactly(StoredJson.of(row));
        assertThat(repository.getSnapshot(hostileType, id).map(StoredJson::of)).contains(StoredJson.of(snapshot));
        var envelopes = store.loadEvents(id);
        assertThat(envelopes).extracting(e -> e.aggregateId()).containsOnly(id);
        assertThat(envelopes).extracting(e -> ((TallyEvent.Noted) e.payload()).text()).containsExactly(HOSTILE, HOSTILE);
        assertThat(envelopes.getFirst().metadata().values()).containsEntry("client_ip", HOSTILE).containsEntry(HOSTILE, HOSTILE);
        assertThat(store.load(id).version()).isEqualTo(2);
        assertThat(repository.getEvents(type, before)).as("the events table is still there, rows intact").hasSize(1);
        assertAnotherAggregateWorks();
    }

    // ---------------------------------------------------------------------------------------------

    /** Event 1 written by the store, event 2 raw; returns the stored rows as they were before any load. */
    private List<SerializedEvent> storeWithBadSecondEvent(String id, String eventType, String payload, String metadata) {
        var good = rows(id, List.of(added(1, 1))).getFirst();
        rawRows().insert(List.of(good, new SerializedEvent(type, id, 2, eventType, "1.0", payload, metadata)), null);
        return repository.getEvents(type, id);
    }

    private DeserializationException assertNamesTheEvent(Runnable load, String id, String eventType, String what) {
        var error = catchThrowableOfType(DeserializationException.class, load::run);
        assertThat(error).as("loading %s with %s", id, what).isNotNull();
        assertThat(error.getMessage()).as("%s: names the aggregate", what).contains(id);
        assertThat(error.getMessage()).as("%s: names the sequence", what).contains("sequence 2");
        assertThat(error.getMessage()).as("%s: names the event type", what).contains(eventType);
        assertThat(error.getMessage()).as("%s: names the aggregate type", what).contains(type);
        assertThat(error.getCause()).as("%s: keeps the parser's error", what).isNotNull();
        return error;
    }

    /** A failing load rewrites nothing: the stored rows (text, positions) are as before, and no snapshot appeared. */
    private void assertUnchanged(String id, List<SerializedEvent> before) {
        assertThat(repository.getEvents(type, id)).containsExactlyElementsOf(before);
        assertThat(repository.getSnapshot(type, id)).isEmpty();
    }

    /** The same store keeps committing and loading other aggregates of the same type. */
    private void assertAnotherAggregateWorks() {
        var store = PersistedEventStore.snapshotting(repository, serializer, 2);
        var cqrs = CqrsFramework.builder(store).build();
        String other = newId();
        cqrs.execute(other, TallyCommand.Add.of(1, 2, 3));
        assertThat(store.load(other).aggregate()).isEqualTo(Tally.fold(type, List.of(added(1, 1), added(2, 2), added(3, 3))));
        assertThatThrownBy(() -> cqrs.execute(other, new TallyCommand.Reject("no")))
                .hasMessageContaining("no");
    }

    private List<SerializedEvent> rows(String id, List<TallyEvent> events) {
        var rows = new ArrayList<SerializedEvent>();
        for (TallyEvent event : events) {
            rows.add(new SerializedEvent(type, id, rows.size() + 1L, event.eventType(), event.eventVersion(),
                    serializer.serializeEvent(event), serializer.serializeMetadata(Metadata.empty())));
        }
        return rows;
    }

    private static Query<TallyEvent> ignore() {
        return (aggregateId, events) -> { };
    }

    private static String newId() {
        return "stored-" + UUID.randomUUID();
    }

    /** A JSON string literal, written by Jackson so quoting is never hand-rolled. */
    private static String quote(String text) {
        return new TextNode(text).toString();
    }
}
