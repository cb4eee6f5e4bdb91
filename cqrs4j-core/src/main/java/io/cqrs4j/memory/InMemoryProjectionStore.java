// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LeaseLostException;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.ParkedEvent;
import io.cqrs4j.projection.ProjectionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ProjectionStore} in memory: checkpoints, leases with fencing tokens and parked events,
 * for tests and for projections whose state may start over with the process.
 *
 * <p>Leases expire on the {@link Clock} given to {@link #create(Clock)}, so a test can expire one
 * by moving the clock instead of sleeping. {@link #applyAndCheckpoint} checks the lease before the
 * work and again when it saves the checkpoint: a holder that was taken over neither starts a batch
 * nor moves the checkpoint. Thread-safe.
 */
public final class InMemoryProjectionStore implements ProjectionStore {

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Row> rows = new HashMap<>();

    private InMemoryProjectionStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * An empty store on the system clock.
     *
     * @return the store
     */
    public static InMemoryProjectionStore create() {
        return new InMemoryProjectionStore(Clock.systemUTC());
    }

    /**
     * An empty store whose leases expire on {@code clock}.
     *
     * @param clock the store's clock
     * @return the store
     */
    public static InMemoryProjectionStore create(Clock clock) {
        return new InMemoryProjectionStore(clock);
    }

    @Override
    public Optional<Lease> acquire(String projection, String owner, Duration ttl) {
        Objects.requireNonNull(owner, "owner");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("projection " + projection + ": lease ttl must be positive but was " + ttl);
        }
        lock.lock();
        try {
            Row row = row(projection);
            Instant now = clock.instant();
            boolean live = row.owner != null && now.isBefore(row.expiresAt);
            if (live && !row.owner.equals(owner)) {
                return Optional.empty();
            }
            if (!live) {
                row.token++;
                row.owner = owner;
            }
            row.expiresAt = now.plus(ttl);
            return Optional.of(new Lease(projection, owner, row.token, row.expiresAt));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(Lease lease) {
        lock.lock();
        try {
            Row row = row(lease.projection());
            if (row.token == lease.token() && row.owner != null) {
                row.owner = null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LogPosition checkpoint(String projection) {
        lock.lock();
        try {
            return row(projection).checkpoint;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void saveCheckpoint(Lease lease, LogPosition position) {
        Objects.requireNonNull(position, "position");
        lock.lock();
        try {
            requireCurrent(lease).checkpoint = position;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void applyAndCheckpoint(Lease lease, LogPosition position, Runnable work) {
        lock.lock();
        try {
            requireCurrent(lease);
        } finally {
            lock.unlock();
        }
        work.run();
        saveCheckpoint(lease, position);
    }

    @Override
    public void park(ParkedEvent parked) {
        lock.lock();
        try {
            row(parked.projection()).parked.put(parked.event().position(), parked);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<ParkedEvent> parked(String projection) {
        lock.lock();
        try {
            return List.copyOf(row(projection).parked.values());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unpark(String projection, LogPosition position) {
        lock.lock();
        try {
            row(projection).parked.remove(position);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset(String projection) {
        lock.lock();
        try {
            Row row = row(projection);
            row.checkpoint = LogPosition.START;
            row.parked.clear();
        } finally {
            lock.unlock();
        }
    }

    /** The row of a lease that is still the current one (not taken over, not released); call under the lock. */
    private Row requireCurrent(Lease lease) {
        Row row = row(lease.projection());
        if (row.token != lease.token() || !lease.owner().equals(row.owner)) {
            throw new LeaseLostException(lease, row.token);
        }
        return row;
    }

    private Row row(String projection) {
        Objects.requireNonNull(projection, "projection");
        return rows.computeIfAbsent(projection, name -> new Row());
    }

    /** One projection's state; guarded by the store's lock. */
    private static final class Row {
        LogPosition checkpoint = LogPosition.START;
        String owner;
        long token;
        Instant expiresAt = Instant.MIN;
        final TreeMap<LogPosition, ParkedEvent> parked = new TreeMap<>();
    }
}
