// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.Aggregate;
import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.AggregateContext;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A store that counts the commits that ended in a conflict, to say how hard a race test raced. */
final class ConflictCounter<A extends Aggregate<?, E, ?>, E extends DomainEvent> implements EventStore<A, E> {

    private final EventStore<A, E> store;
    private final AtomicLong conflicts = new AtomicLong();

    ConflictCounter(EventStore<A, E> store) {
        this.store = store;
    }

    long conflicts() {
        return conflicts.get();
    }

    @Override
    public String aggregateType() {
        return store.aggregateType();
    }

    @Override
    public AggregateContext<A> load(String aggregateId) {
        return store.load(aggregateId);
    }

    @Override
    public List<EventEnvelope<E>> loadEvents(String aggregateId) {
        return store.loadEvents(aggregateId);
    }

    @Override
    public List<EventEnvelope<E>> commit(AggregateContext<A> context, List<E> events, Metadata metadata) {
        try {
            return store.commit(context, events, metadata);
        } catch (AggregateConflictException e) {
            conflicts.incrementAndGet();
            throw e;
        }
    }

    @Override
    public Optional<AggregateContext<A>> afterCommit(AggregateContext<A> context, List<EventEnvelope<E>> committed) {
        return store.afterCommit(context, committed);
    }
}
