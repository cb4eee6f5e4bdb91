// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A {@link PersistedEventRepository} in memory: the reference backend of the conformance kit, and
 * a quick way to run a {@link io.cqrs4j.persist.PersistedEventStore} in tests.
 *
 * <p>Appends lock only their aggregate, then briefly the global log, so global positions are
 * assigned and published in commit order, without gaps. That order is also its {@link EventLog}:
 * positions carry no transaction part, nothing is ever held back, and {@link #awaitNewEvents}
 * returns as soon as an append lands.
 */
public final class InMemoryEventRepository implements PersistedEventRepository, EventLog {

    private final ConcurrentHashMap<Key, Stream0> streams = new ConcurrentHashMap<>();
    private final Log log = new Log();

    private InMemoryEventRepository() {
    }

    /**
     * An empty repository.
     *
     * @return the repository
     */
    public static InMemoryEventRepository create() {
        return new InMemoryEventRepository();
    }

    @Override
    public List<SerializedEvent> getEvents(String aggregateType, String aggregateId) {
        return getLastEvents(aggregateType, aggregateId, 0);
    }

    @Override
    public List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence) {
        Stream0 stream = streams.get(new Key(aggregateType, aggregateId));
        if (stream == null) {
            return List.of();
        }
        int count = stream.count;
        int from = (int) Math.min(Math.max(afterSequence, 0), count);
        return List.of(Arrays.copyOfRange(stream.events, from, count));
    }

    @Override
    public Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId) {
        Stream0 stream = streams.get(new Key(aggregateType, aggregateId));
        return stream == null ? Optional.empty() : Optional.ofNullable(stream.snapshot);
    }

    @Override
    public void persist(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to persist");
        }
        SerializedEvent first = events.getFirst();
        var key = new Key(first.aggregateType(), first.aggregateId());
        checkOneContiguousAggregate(key, events);
        Stream0 stream = streams.computeIfAbsent(key, k -> new Stream0());
        stream.lock.lock();
        try {
            long expected = first.sequence() - 1;
            if (stream.count != expected) {
                throw new AggregateConflictException(key.type, key.id, expected, stream.count, null);
            }
            if (snapshot != null) {
                long storedVersion = stream.snapshot == null ? 0 : stream.snapshot.snapshotVersion();
                if (storedVersion != snapshot.snapshotVersion() - 1) {
                    throw new AggregateConflictException(key.type + " " + key.id + ": writing snapshot version "
                            + snapshot.snapshotVersion() + " needs version " + (snapshot.snapshotVersion() - 1)
                            + " stored but the store has " + storedVersion + " (a concurrent command won); retry", null);
                }
            }
            stream.append(log.append(events));
            if (snapshot != null) {
                stream.snapshot = snapshot;
            }
        } finally {
            stream.lock.unlock();
        }
    }

    private static void checkOneContiguousAggregate(Key key, List<SerializedEvent> events) {
        long sequence = events.getFirst().sequence();
        for (SerializedEvent event : events) {
            if (!event.aggregateType().equals(key.type) || !event.aggregateId().equals(key.id)
                    || event.sequence() != sequence++) {
                throw new IllegalArgumentException("a commit holds contiguous events of one aggregate; "
                        + event.describe() + " does not follow " + key.type + " " + key.id);
            }
        }
    }

    @Override
    public Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId) {
        return getEvents(aggregateType, aggregateId).stream();
    }

    @Override
    public Stream<SerializedEvent> streamAllEvents(String aggregateType) {
        int count = log.count;
        SerializedEvent[] entries = log.entries;
        return IntStream.range(0, count).mapToObj(i -> entries[i])
                .filter(event -> event.aggregateType().equals(aggregateType));
    }

    /**
     * Events after global position {@code after}, in global order, at most {@code limit}.
     *
     * @param after the last position already read, 0 for the beginning
     * @param limit the most events to return
     * @return the events
     */
    public List<SerializedEvent> readAll(long after, int limit) {
        int count = log.count;
        SerializedEvent[] entries = log.entries;
        int from = (int) Math.min(Math.max(after, 0), count);
        return List.of(Arrays.copyOfRange(entries, from, (int) Math.min(count, (long) from + limit)));
    }

    @Override
    public LogBatch read(LogPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        int count = log.count;
        SerializedEvent[] entries = log.entries;
        Instant[] recorded = log.recorded;
        int from = (int) Math.min(after.position(), count);
        int to = (int) Math.min(count, (long) from + limit);
        var events = new ArrayList<LoggedEvent>(to - from);
        for (int i = from; i < to; i++) {
            events.add(new LoggedEvent(LogPosition.of(i + 1L), entries[i], recorded[i]));
        }
        return LogBatch.of(events);
    }

    @Override
    public long countAfter(LogPosition after) {
        return Math.max(0, log.count - after.position());
    }

    @Override
    public void awaitNewEvents(Duration timeout) throws InterruptedException {
        log.lock.lock();
        try {
            log.appended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            log.lock.unlock();
        }
    }

    private record Key(String type, String id) {
        Key {
            Objects.requireNonNull(type, "aggregateType");
            Objects.requireNonNull(id, "aggregateId");
        }
    }

    /** One aggregate's events and snapshot: written under the lock, read without it. */
    private static final class Stream0 {
        final ReentrantLock lock = new ReentrantLock();
        volatile SerializedEvent[] events = new SerializedEvent[4];
        volatile int count;
        volatile SerializedSnapshot snapshot;

        void append(List<SerializedEvent> committed) {
            int newCount = count + committed.size();
            SerializedEvent[] target = events;
            if (newCount > target.length) {
                target = Arrays.copyOf(target, Math.max(newCount, target.length * 2));
            }
            for (int i = 0; i < committed.size(); i++) {
                target[count + i] = committed.get(i);
            }
            events = target;
            count = newCount;
        }
    }

    /** Every event in commit order; positions are indexes + 1, published by the volatile count. */
    private static final class Log {
        final ReentrantLock lock = new ReentrantLock();
        final Condition appended = lock.newCondition();
        volatile SerializedEvent[] entries = new SerializedEvent[64];
        volatile Instant[] recorded = new Instant[64];
        volatile int count;

        List<SerializedEvent> append(List<SerializedEvent> events) {
            lock.lock();
            try {
                int newCount = count + events.size();
                SerializedEvent[] target = entries;
                Instant[] times = recorded;
                if (newCount > target.length) {
                    target = Arrays.copyOf(target, Math.max(newCount, target.length * 2));
                    times = Arrays.copyOf(times, target.length);
                }
                Instant now = Instant.now();
                var positioned = new ArrayList<SerializedEvent>(events.size());
                for (int i = 0; i < events.size(); i++) {
                    SerializedEvent event = events.get(i).withGlobalPosition(count + i + 1L);
                    target[count + i] = event;
                    times[count + i] = now;
                    positioned.add(event);
                }
                entries = target;
                recorded = times;
                count = newCount;
                appended.signalAll();
                return positioned;
            } finally {
                lock.unlock();
            }
        }
    }
}
