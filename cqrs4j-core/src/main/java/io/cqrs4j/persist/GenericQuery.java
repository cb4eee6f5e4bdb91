// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.UnexpectedException;
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
 * <p>{@link #tracking} makes a query for durable projections, which deliver at least once: the
 * stored view's version is always the sequence of the last event applied to it, so an event
 * delivered again is skipped, and a reader can wait until a view reaches the version a command
 * returned ({@link io.cqrs4j.CommandResult#version()}).
 *
 * {@snippet :
 * var ledger = GenericQuery.tracking(viewRepository, AccountLedgerView::initial);
 * }
 *
 * @param <V> the view type
 * @param <E> the event type
 */
public final class GenericQuery<V extends View<E>, E extends DomainEvent> implements Query<E> {

    private final ViewRepository<V> repository;
    private final Supplier<V> initial;
    private final boolean tracking;

    private GenericQuery(ViewRepository<V> repository, Supplier<V> initial, boolean tracking) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.initial = Objects.requireNonNull(initial, "initial");
        this.tracking = tracking;
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
        return new GenericQuery<>(repository, initial, false);
    }

    /**
     * A query for durable projections (at-least-once delivery) whose stored view version is the
     * sequence of the last event applied: events at or below it are skipped, so redelivery is
     * harmless. Each event is stored as its own version (one write per event).
     *
     * <p>An event whose sequence is more than one above the stored version throws
     * {@link io.cqrs4j.UnexpectedException}: an event in between was never applied (it is parked,
     * or the view was created after its aggregate's first events; rebuild the projection then).
     *
     * @param repository where the views live
     * @param initial the view before any event
     * @param <V> the view type
     * @param <E> the event type
     * @return the query
     */
    public static <V extends View<E>, E extends DomainEvent> GenericQuery<V, E> tracking(
            ViewRepository<V> repository, Supplier<V> initial) {
        return new GenericQuery<>(repository, initial, true);
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
        if (tracking) {
            track(aggregateId, view, stored.context().version(), events);
            return;
        }
        for (EventEnvelope<E> event : events) {
            view = update(view, event);
        }
        repository.updateView(view, stored.context());
    }

    private void track(String aggregateId, V start, long storedVersion, List<EventEnvelope<E>> events) {
        V view = start;
        long version = storedVersion;
        for (EventEnvelope<E> event : events) {
            if (event.sequence() <= version) {
                continue;   // applied before: delivered again after a retry or a takeover
            }
            if (event.sequence() != version + 1) {
                throw new UnexpectedException("view " + aggregateId + ": stored at sequence " + version
                        + " but the next event is sequence " + event.sequence()
                        + "; the events in between were never applied (parked?): retry them or rebuild the view", null);
            }
            view = update(view, event);
            repository.updateView(view, new ViewContext(aggregateId, version));
            version++;
        }
    }

    @SuppressWarnings("unchecked")
    private V update(V view, EventEnvelope<E> event) {
        return (V) Objects.requireNonNull(view.update(event),
                () -> view.getClass().getName() + ".update returned null; it must return the next view");
    }
}
