// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.persist.SnapshotAndEvents;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** Counts the events read through a repository, to prove what a load reads without timing it. */
final class CountingRepository implements PersistedEventRepository {

    private final PersistedEventRepository delegate;
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong fullReads = new AtomicLong();

    CountingRepository(PersistedEventRepository delegate) {
        this.delegate = delegate;
    }

    long eventsRead() {
        return eventsRead.get();
    }

    /** How many times every event of an aggregate was asked for (getEvents, streamEvents). */
    long fullReads() {
        return fullReads.get();
    }

    void reset() {
        eventsRead.set(0);
        fullReads.set(0);
    }

    private List<SerializedEvent> counted(List<SerializedEvent> events) {
        eventsRead.addAndGet(events.size());
        return events;
    }

    @Override
    public List<SerializedEvent> getEvents(String aggregateType, String aggregateId) {
        fullReads.incrementAndGet();
        return counted(delegate.getEvents(aggregateType, aggregateId));
    }

    @Override
    public List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence) {
        return counted(delegate.getLastEvents(aggregateType, aggregateId, afterSequence));
    }

    @Override
    public Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId) {
        return delegate.getSnapshot(aggregateType, aggregateId);
    }

    /** Delegates the one read, so a backend's own is what is counted; without a snapshot it reads every event. */
    @Override
    public SnapshotAndEvents getSnapshotAndEvents(String aggregateType, String aggregateId) {
        SnapshotAndEvents read = delegate.getSnapshotAndEvents(aggregateType, aggregateId);
        if (read.snapshot().isEmpty()) {
            fullReads.incrementAndGet();
        }
        counted(read.events());
        return read;
    }

    @Override
    public void persist(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        delegate.persist(events, snapshot);
    }

    @Override
    public Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId) {
        fullReads.incrementAndGet();
        return delegate.streamEvents(aggregateType, aggregateId).peek(event -> eventsRead.incrementAndGet());
    }

    @Override
    public Stream<SerializedEvent> streamAllEvents(String aggregateType) {
        return delegate.streamAllEvents(aggregateType).peek(event -> eventsRead.incrementAndGet());
    }
}
