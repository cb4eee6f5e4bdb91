// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.View;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link Query} that keeps one view per aggregate in a {@link ViewRepository}: load (or start
 * from the initial view), apply the committed events, store with a version check.
 *
 * <p>A stale update (another dispatch stored the view first) throws
 * {@link io.cqrs4j.AggregateConflictException}; the framework logs and counts it. Read models that
 * must converge whatever happens are durable projections.
 *
 * @param <V> the view type
 * @param <E> the event type
 */
public final class GenericQuery<V extends View<E>, E extends DomainEvent> implements Query<E> {

    private final ViewRepository<V> repository;
    private final Supplier<V> initial;

    private GenericQuery(ViewRepository<V> repository, Supplier<V> initial) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.initial = Objects.requireNonNull(initial, "initial");
    }

    /**
     * A query over {@code repository}.
     *
     * @param repository where the views live
     * @param initial the view before any event
     * @param <V> the view type
     * @param <E> the event type
     * @return the query
     */
    public static <V extends View<E>, E extends DomainEvent> GenericQuery<V, E> create(
            ViewRepository<V> repository, Supplier<V> initial) {
        return new GenericQuery<>(repository, initial);
    }

    /**
     * Loads one aggregate's view.
     *
     * @param viewId the aggregate id
     * @return the view, or empty when no event has reached it
     */
    public Optional<V> load(String viewId) {
        return repository.load(viewId);
    }

    @Override
    public void dispatch(String aggregateId, List<EventEnvelope<E>> events) {
        StoredView<V> stored = repository.loadWithContext(aggregateId)
                .orElseGet(() -> new StoredView<>(initial.get(), ViewContext.newView(aggregateId)));
        V view = stored.view();
        for (EventEnvelope<E> event : events) {
            view = update(view, event);
        }
        repository.updateView(view, stored.context());
    }

    @SuppressWarnings("unchecked")
    private V update(V view, EventEnvelope<E> event) {
        return (V) Objects.requireNonNull(view.update(event),
                () -> view.getClass().getName() + ".update returned null; it must return the next view");
    }
}
