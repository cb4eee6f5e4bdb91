// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.List;
import java.util.Optional;

/**
 * Where one aggregate type's events live: load an aggregate, load its events, commit new events
 * against the version that was loaded.
 *
 * <p>Implementations are thread-safe. {@link #commit} is atomic and optimistic: when another
 * writer appended first it writes nothing and throws {@link AggregateConflictException}.
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public interface EventStore<A extends Aggregate<?, E, ?>, E extends DomainEvent> {

    /**
     * The aggregate type this store holds, as {@link Aggregate#aggregateType()} names it.
     *
     * @return the aggregate type name
     */
    String aggregateType();

    /**
     * Loads the aggregate's current state.
     *
     * @param aggregateId the id
     * @return the context to commit against; version 0 and the initial state when there are no events
     * @throws CqrsException when the store cannot be read or its data cannot be deserialized
     */
    AggregateContext<A> load(String aggregateId);

    /**
     * Loads all events of one aggregate, in sequence order.
     *
     * @param aggregateId the id
     * @return the events, empty when there are none
     * @throws CqrsException when the store cannot be read or its data cannot be deserialized
     */
    List<EventEnvelope<E>> loadEvents(String aggregateId);

    /**
     * Appends {@code events} with sequences {@code context.version() + 1…}, each with {@code metadata},
     * atomically.
     *
     * @param context what {@link #load} returned
     * @param events the new events, not empty
     * @param metadata the command's metadata
     * @return the committed envelopes
     * @throws AggregateConflictException when another writer committed after {@code context} was loaded
     * @throws CqrsException when the store cannot be written
     */
    List<EventEnvelope<E>> commit(AggregateContext<A> context, List<E> events, Metadata metadata);

    /**
     * The context this store's {@link #load} would return right after {@code committed} were
     * committed onto {@code context}, without reading the store: what lets a framework keep hot
     * aggregates in memory. A store that cannot tell returns empty, and its aggregates are not
     * cached.
     *
     * @param context the context the events were committed against
     * @param committed what {@link #commit} returned for it
     * @return the context after the commit, or empty
     */
    default Optional<AggregateContext<A>> afterCommit(AggregateContext<A> context, List<EventEnvelope<E>> committed) {
        return Optional.empty();
    }

    /**
     * A stale context brought up to date by applying only the events committed after its version,
     * where the store can do that cheaply: the framework's aggregate cache asks after a conflict,
     * instead of loading the whole history again. A store that cannot returns empty (the default),
     * and the cache drops the entry.
     *
     * @param stale a context of this store, older than the stored events
     * @return the context at the stored version, or empty
     */
    default Optional<AggregateContext<A>> catchUp(AggregateContext<A> stale) {
        return Optional.empty();
    }
}
