// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import io.cqrs4j.Aggregate;
import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.AggregateContext;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.internal.Aggregates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An event-sourced store in memory: thread-safe, with optimistic concurrency and one lock per
 * aggregate, so unrelated aggregates never contend. Loads never take a lock.
 *
 * {@snippet :
 * var store = InMemoryEventStore.create(BankAccount::initial);
 * }
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public final class InMemoryEventStore<A extends Aggregate<?, E, ?>, E extends DomainEvent> implements EventStore<A, E> {

    private final Supplier<A> initial;
    private final String aggregateType;
    private final ConcurrentHashMap<String, Stream<E>> streams = new ConcurrentHashMap<>();

    private InMemoryEventStore(Supplier<A> initial) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.aggregateType = Objects.requireNonNull(initial.get(), "initial state").aggregateType();
    }

    /**
     * An empty store.
     *
     * @param initial the state of an aggregate with no events
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> InMemoryEventStore<A, E> create(
            Supplier<A> initial) {
        return new InMemoryEventStore<>(initial);
    }

    @Override
    public String aggregateType() {
        return aggregateType;
    }

    @Override
    public AggregateContext<A> load(String aggregateId) {
        A state = initial.get();
        Stream<E> stream = streams.get(aggregateId);
        if (stream == null) {
            return new Loaded<>(aggregateId, state, 0);
        }
        int count = stream.count;          // volatile read first: publishes the array written before it
        EventEnvelope<E>[] events = stream.events;
        for (int i = 0; i < count; i++) {
            state = Aggregates.apply(state, events[i].payload());
        }
        return new Loaded<>(aggregateId, state, count);
    }

    @Override
    public List<EventEnvelope<E>> loadEvents(String aggregateId) {
        Stream<E> stream = streams.get(aggregateId);
        if (stream == null) {
            return List.of();
        }
        int count = stream.count;
        return List.of(Arrays.copyOf(stream.events, count));
    }

    @Override
    public List<EventEnvelope<E>> commit(AggregateContext<A> context, List<E> events, Metadata metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (events.isEmpty()) {
            throw new IllegalArgumentException(aggregateType + " " + context.aggregateId() + ": nothing to commit");
        }
        Stream<E> stream = streams.computeIfAbsent(context.aggregateId(), id -> new Stream<>());
        stream.lock.lock();
        try {
            long expected = context.version();
            if (stream.count != expected) {
                throw new AggregateConflictException(aggregateType, context.aggregateId(), expected, stream.count, null);
            }
            var committed = new ArrayList<EventEnvelope<E>>(events.size());
            for (E event : events) {
                committed.add(new EventEnvelope<>(context.aggregateId(), expected + committed.size() + 1, event, metadata));
            }
            stream.append(committed);
            return List.copyOf(committed);
        } finally {
            stream.lock.unlock();
        }
    }

    @Override
    public Optional<AggregateContext<A>> afterCommit(AggregateContext<A> context, List<EventEnvelope<E>> committed) {
        A state = context.aggregate();
        for (EventEnvelope<E> event : committed) {
            state = Aggregates.apply(state, event.payload());
        }
        return Optional.of(new Loaded<>(context.aggregateId(), state, context.version() + committed.size()));
    }

    /** Applies the events after the stale version: a conflict costs the events it missed, not a reload. */
    @Override
    public Optional<AggregateContext<A>> catchUp(AggregateContext<A> stale) {
        Stream<E> stream = streams.get(stale.aggregateId());
        if (stream == null) {
            return Optional.empty();
        }
        int count = stream.count;          // volatile read first, as in load
        EventEnvelope<E>[] events = stream.events;
        if (stale.version() > count) {
            return Optional.empty();
        }
        A state = stale.aggregate();
        for (int i = (int) stale.version(); i < count; i++) {
            state = Aggregates.apply(state, events[i].payload());
        }
        return Optional.of(new Loaded<>(stale.aggregateId(), state, count));
    }

    private record Loaded<A>(String aggregateId, A aggregate, long version) implements AggregateContext<A> {
    }

    /** One aggregate's events: appended under the lock, read without it. */
    private static final class Stream<E extends DomainEvent> {
        final ReentrantLock lock = new ReentrantLock();
        volatile EventEnvelope<E>[] events = newArray(8);
        volatile int count;

        void append(List<EventEnvelope<E>> committed) {
            int newCount = count + committed.size();
            EventEnvelope<E>[] target = events;
            if (newCount > target.length) {
                target = Arrays.copyOf(target, Math.max(newCount, target.length * 2));
            }
            for (int i = 0; i < committed.size(); i++) {
                target[count + i] = committed.get(i);
            }
            events = target;
            count = newCount;   // the volatile write that publishes the new events to readers
        }

        @SuppressWarnings("unchecked")
        private static <E extends DomainEvent> EventEnvelope<E>[] newArray(int size) {
            return (EventEnvelope<E>[]) new EventEnvelope<?>[size];
        }
    }
}
