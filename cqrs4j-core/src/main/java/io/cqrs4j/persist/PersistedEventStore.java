// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.Aggregate;
import io.cqrs4j.AggregateContext;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.internal.Aggregates;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link EventStore} on a {@link PersistedEventRepository}, in one of three modes.
 *
 * <ul>
 *   <li>{@link #eventSourced}: load folds all events; commit appends events.</li>
 *   <li>{@link #snapshotting}: load reads the snapshot and the events after the exact sequence it
 *       was built from; commit appends events and, in the same transaction, writes a snapshot at
 *       the highest multiple of N the batch reaches.</li>
 *   <li>{@link #aggregateStore}: load reads the stored aggregate (and any events after it); commit
 *       appends events and replaces the stored aggregate in one transaction.</li>
 * </ul>
 *
 * <p>Each event is applied exactly once. A snapshot that no longer deserializes is ignored: the
 * aggregate is rebuilt from its events and the snapshot is overwritten at the next commit, with
 * the stored snapshot's version, so it never becomes a permanent conflict. Upcasters run on every
 * read path.
 *
 * {@snippet :
 * var store = PersistedEventStore.snapshotting(repository, serializer, 100)
 *         .withUpcasters(List.of(addState));
 * }
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public final class PersistedEventStore<A extends Aggregate<?, E, ?>, E extends DomainEvent> implements EventStore<A, E> {

    private static final System.Logger LOG = System.getLogger(PersistedEventStore.class.getName());

    /** 0 = event sourced, -1 = aggregate store, N > 0 = snapshot every N events. */
    private final long snapshotEvery;
    private final PersistedEventRepository repository;
    private final EventCodec<A, E> codec;
    private final String aggregateType;

    private PersistedEventStore(PersistedEventRepository repository, EventCodec<A, E> codec, String aggregateType,
                                long snapshotEvery) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.codec = codec;
        this.aggregateType = aggregateType;
        this.snapshotEvery = snapshotEvery;
    }

    private static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> create(
            PersistedEventRepository repository, EventSerializer<A, E> serializer, long snapshotEvery) {
        Objects.requireNonNull(serializer, "serializer");
        String type = Objects.requireNonNull(serializer.initialState(), "serializer.initialState()").aggregateType();
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("aggregateType() of " + serializer.initialState().getClass().getName()
                    + " must be a non-blank name such as \"account\"");
        }
        return new PersistedEventStore<>(repository, new EventCodec<>(type, serializer, List.of()), type, snapshotEvery);
    }

    /**
     * A store whose only source of truth is the events.
     *
     * @param repository the database
     * @param serializer the aggregate's serializer
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> eventSourced(
            PersistedEventRepository repository, EventSerializer<A, E> serializer) {
        return create(repository, serializer, 0);
    }

    /**
     * A store that snapshots the aggregate every {@code every} events.
     *
     * @param repository the database
     * @param serializer the aggregate's serializer
     * @param every the snapshot interval, at least 1
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> snapshotting(
            PersistedEventRepository repository, EventSerializer<A, E> serializer, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("snapshot interval must be at least 1 but was " + every);
        }
        return create(repository, serializer, every);
    }

    /**
     * A store that keeps the current aggregate beside the events and loads only it.
     *
     * @param repository the database
     * @param serializer the aggregate's serializer
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> aggregateStore(
            PersistedEventRepository repository, EventSerializer<A, E> serializer) {
        return create(repository, serializer, -1);
    }

    /**
     * A copy of this store that also runs {@code upcasters}, in order, on every event it reads.
     *
     * @param upcasters the upcasters
     * @return the new store
     */
    public PersistedEventStore<A, E> withUpcasters(List<? extends EventUpcaster> upcasters) {
        return new PersistedEventStore<>(repository, codec.withUpcasters(List.copyOf(upcasters)), aggregateType, snapshotEvery);
    }

    /**
     * A copy of this store that also runs {@code upcasters}, in order, on every event it reads.
     *
     * @param upcasters the upcasters
     * @return the new store
     */
    public PersistedEventStore<A, E> withUpcasters(EventUpcaster... upcasters) {
        return withUpcasters(Arrays.asList(upcasters));
    }

    @Override
    public String aggregateType() {
        return aggregateType;
    }

    @Override
    public AggregateContext<A> load(String aggregateId) {
        if (snapshotEvery == 0) {
            return fold(new Context<>(aggregateId, codec.serializer().initialState(), 0, 0, false),
                    repository.getEvents(aggregateType, aggregateId));
        }
        SnapshotAndEvents stored = repository.getSnapshotAndEvents(aggregateType, aggregateId);
        if (stored.snapshot().isEmpty()) {
            return fold(new Context<>(aggregateId, codec.serializer().initialState(), 0, 0, false), stored.events());
        }
        SerializedSnapshot snapshot = stored.snapshot().get();
        A state;
        try {
            state = codec.serializer().deserializeAggregate(snapshot.payload());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> aggregateType + " " + aggregateId + ": snapshot at sequence "
                    + snapshot.lastSequence() + " does not deserialize (" + e.getMessage()
                    + "); rebuilding from events, the snapshot is rewritten at the next commit");
            return fold(new Context<>(aggregateId, codec.serializer().initialState(), 0, snapshot.snapshotVersion(), true),
                    repository.getEvents(aggregateType, aggregateId));
        }
        var context = new Context<>(aggregateId, state, snapshot.lastSequence(), snapshot.snapshotVersion(), false);
        return fold(context, stored.events());
    }

    private Context<A> fold(Context<A> start, List<SerializedEvent> events) {
        A state = start.aggregate();
        long version = start.version();
        for (SerializedEvent stored : events) {
            state = Aggregates.apply(state, codec.decodePayload(stored));
            version = stored.sequence();
        }
        return new Context<>(start.aggregateId(), state, version, start.snapshotVersion(), start.snapshotStale());
    }

    @Override
    public List<EventEnvelope<E>> loadEvents(String aggregateId) {
        return codec.decodeAll(repository.getEvents(aggregateType, aggregateId));
    }

    /**
     * Decodes one stored event of this store's aggregate type exactly as {@link #load} does
     * (upcasters, then the serializer), for readers of the global log such as durable projections.
     *
     * @param stored an event of this store's aggregate type
     * @return the envelope, with the stored global position
     * @throws IllegalArgumentException when the event belongs to another aggregate type
     * @throws io.cqrs4j.DeserializationException when an upcaster fails or the payload does not deserialize
     */
    public EventEnvelope<E> decode(SerializedEvent stored) {
        if (!stored.aggregateType().equals(aggregateType)) {
            throw new IllegalArgumentException(stored.describe() + " is not an event of " + aggregateType
                    + "; decode it with the store of its own aggregate type");
        }
        return codec.decode(stored);
    }

    @Override
    public List<EventEnvelope<E>> commit(AggregateContext<A> context, List<E> events, Metadata metadata) {
        if (!(context instanceof Context<A> loaded)) {
            throw new IllegalArgumentException(aggregateType + " " + context.aggregateId()
                    + ": commit needs the context this store's load returned, not a " + context.getClass().getName());
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException(aggregateType + " " + context.aggregateId() + ": nothing to commit");
        }
        List<SerializedEvent> serialized = codec.encode(loaded.aggregateId(), loaded.version(), events, metadata);
        repository.persist(serialized, snapshotFor(loaded, events));
        var committed = new ArrayList<EventEnvelope<E>>(events.size());
        for (int i = 0; i < events.size(); i++) {
            committed.add(new EventEnvelope<>(loaded.aggregateId(), loaded.version() + i + 1, events.get(i), metadata,
                    serialized.get(i).globalPosition()));
        }
        return List.copyOf(committed);
    }

    @Override
    public Optional<AggregateContext<A>> afterCommit(AggregateContext<A> context, List<EventEnvelope<E>> committed) {
        if (!(context instanceof Context<A> loaded)) {
            return Optional.empty();
        }
        A state = loaded.aggregate();
        for (EventEnvelope<E> event : committed) {
            state = Aggregates.apply(state, event.payload());
        }
        boolean snapshotWritten = eventsInSnapshot(loaded, committed.size()) > 0;
        return Optional.of(new Context<>(loaded.aggregateId(), state, loaded.version() + committed.size(),
                snapshotWritten ? loaded.snapshotVersion() + 1 : loaded.snapshotVersion(),
                loaded.snapshotStale() && !snapshotWritten));
    }

    /** The snapshot this commit writes, or null: built from exactly the events it covers. */
    private SerializedSnapshot snapshotFor(Context<A> loaded, List<E> events) {
        int covered = eventsInSnapshot(loaded, events.size());
        if (covered == 0) {
            return null;
        }
        A state = loaded.aggregate();
        for (int i = 0; i < covered; i++) {
            state = Aggregates.apply(state, events.get(i));
        }
        A snapshotState = state;
        String json = codec.serialize(loaded.aggregateId(), "aggregate snapshot",
                () -> codec.serializer().serializeAggregate(snapshotState));
        return new SerializedSnapshot(aggregateType, loaded.aggregateId(), json, loaded.version() + covered,
                loaded.snapshotVersion() + 1);
    }

    /** How many of the new events the snapshot covers: up to the highest multiple of N reached. */
    private int eventsInSnapshot(Context<A> loaded, int newEvents) {
        if (snapshotEvery == 0) {
            return 0;
        }
        if (snapshotEvery < 0) {
            return newEvents;
        }
        long newVersion = loaded.version() + newEvents;
        long highestMultiple = newVersion / snapshotEvery * snapshotEvery;
        if (highestMultiple > loaded.version()) {
            return (int) (highestMultiple - loaded.version());
        }
        return loaded.snapshotStale() ? newEvents : 0;
    }

    /** What {@link #load} returns: state, version, and the stored snapshot's version. */
    private record Context<A>(String aggregateId, A aggregate, long version, long snapshotVersion,
                              boolean snapshotStale) implements AggregateContext<A> {
    }
}
