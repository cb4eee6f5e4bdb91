// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Feeds stored events to a query again: one aggregate's, or every aggregate's of the type, with
 * upcasters applied. Memory stays bounded: events are streamed and dispatched in small batches,
 * each batch of one aggregate in sequence order.
 *
 * <p>A read or deserialization error ends the replay with that exception, never as if it had
 * completed; so does an exception from the query.
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public final class QueryReplay<A extends Aggregate<?, E, ?>, E extends DomainEvent> {

    private static final int BATCH = 100;

    private final PersistedEventRepository repository;
    private final EventCodec<A, E> codec;
    private final Query<E> query;
    private final String aggregateType;

    private QueryReplay(PersistedEventRepository repository, EventCodec<A, E> codec, String aggregateType, Query<E> query) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.codec = codec;
        this.aggregateType = aggregateType;
        this.query = Objects.requireNonNull(query, "query");
    }

    /**
     * A replay of {@code repository}'s events into {@code query}.
     *
     * @param repository where the events are
     * @param serializer the aggregate's serializer
     * @param query the query to feed
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the replay
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> QueryReplay<A, E> of(
            PersistedEventRepository repository, EventSerializer<A, E> serializer, Query<E> query) {
        String type = serializer.initialState().aggregateType();
        return new QueryReplay<>(repository, new EventCodec<>(type, serializer, List.of()), type, query);
    }

    /**
     * A copy that also runs {@code upcasters}, in order, on every event.
     *
     * @param upcasters the upcasters
     * @return the new replay
     */
    public QueryReplay<A, E> withUpcasters(EventUpcaster... upcasters) {
        return new QueryReplay<>(repository, codec.withUpcasters(Arrays.asList(upcasters)), aggregateType, query);
    }

    /**
     * Replays one aggregate's events.
     *
     * @param aggregateId the aggregate
     * @return how many events were dispatched
     */
    public long replay(String aggregateId) {
        try (Stream<SerializedEvent> events = repository.streamEvents(aggregateType, aggregateId)) {
            return feed(events);
        }
    }

    /**
     * Replays every event of the aggregate type.
     *
     * @return how many events were dispatched
     */
    public long replayAll() {
        try (Stream<SerializedEvent> events = repository.streamAllEvents(aggregateType)) {
            return feed(events);
        }
    }

    private long feed(Stream<SerializedEvent> events) {
        var batch = new ArrayList<EventEnvelope<E>>(BATCH);
        long count = 0;
        var iterator = events.iterator();
        while (iterator.hasNext()) {
            EventEnvelope<E> event = codec.decode(iterator.next());
            if (!batch.isEmpty() && (batch.size() == BATCH || !batch.getFirst().aggregateId().equals(event.aggregateId()))) {
                count += flush(batch);
            }
            batch.add(event);
        }
        return count + flush(batch);
    }

    private int flush(List<EventEnvelope<E>> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int size = batch.size();
        query.dispatch(batch.getFirst().aggregateId(), List.copyOf(batch));
        batch.clear();
        return size;
    }
}
