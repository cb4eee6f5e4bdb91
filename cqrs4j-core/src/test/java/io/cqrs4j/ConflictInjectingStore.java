// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An {@link EventStore} wrapper that, on each of its first {@code conflicts} commits, lets a
 * competing writer commit one event first, so the real commit meets a genuine conflict.
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
final class ConflictInjectingStore<A extends Aggregate<?, E, ?>, E extends DomainEvent> implements EventStore<A, E> {

    private final EventStore<A, E> delegate;
    private final Supplier<E> competingEvent;
    private final AtomicInteger conflictsLeft;
    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();

    ConflictInjectingStore(EventStore<A, E> delegate, int conflicts, Supplier<E> competingEvent) {
        this.delegate = delegate;
        this.competingEvent = competingEvent;
        this.conflictsLeft = new AtomicInteger(conflicts);
    }

    int loads() {
        return loads.get();
    }

    int commits() {
        return commits.get();
    }

    @Override
    public String aggregateType() {
        return delegate.aggregateType();
    }

    @Override
    public AggregateContext<A> load(String aggregateId) {
        loads.incrementAndGet();
        return delegate.load(aggregateId);
    }

    @Override
    public List<EventEnvelope<E>> loadEvents(String aggregateId) {
        return delegate.loadEvents(aggregateId);
    }

    @Override
    public List<EventEnvelope<E>> commit(AggregateContext<A> context, List<E> events, Metadata metadata) {
        commits.incrementAndGet();
        if (conflictsLeft.getAndDecrement() > 0) {
            var competitor = delegate.load(context.aggregateId());
            delegate.commit(competitor, List.of(competingEvent.get()), Metadata.empty().with("by", "competitor"));
        }
        return delegate.commit(context, events, metadata);
    }
}
