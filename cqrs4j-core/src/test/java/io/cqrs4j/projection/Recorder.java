// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * A query that records what it receives and notes every event that does not follow the last one
 * of its aggregate (a duplicate, a gap, a reordering). While {@link #poison} matches an event it
 * throws instead, before recording anything of that dispatch.
 */
final class Recorder implements Query<Ledger.Posted> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, List<Long>> sequences = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long applied;
    private long dispatches;
    private volatile Predicate<EventEnvelope<Ledger.Posted>> poison = event -> false;

    /** Makes dispatches that hold a matching event throw, until {@link #heal()}. */
    Recorder poison(Predicate<EventEnvelope<Ledger.Posted>> matching) {
        this.poison = matching;
        return this;
    }

    void heal() {
        poison = event -> false;
    }

    @Override
    public void dispatch(String aggregateId, List<EventEnvelope<Ledger.Posted>> events) {
        Predicate<EventEnvelope<Ledger.Posted>> failing = poison;
        for (EventEnvelope<Ledger.Posted> event : events) {
            if (failing.test(event)) {
                throw new IllegalStateException("ledger " + aggregateId + " sequence " + event.sequence() + " is poison");
            }
        }
        lock.lock();
        try {
            dispatches++;
            List<Long> seen = sequences.computeIfAbsent(aggregateId, id -> new ArrayList<>());
            for (EventEnvelope<Ledger.Posted> event : events) {
                if (!event.aggregateId().equals(aggregateId) || event.sequence() != seen.size() + 1) {
                    violations.add(event.aggregateId() + " sequence " + event.sequence() + " after " + seen.size());
                } else {
                    seen.add(event.sequence());
                    applied++;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    List<Long> sequences(String aggregateId) {
        lock.lock();
        try {
            return List.copyOf(sequences.getOrDefault(aggregateId, List.of()));
        } finally {
            lock.unlock();
        }
    }

    List<String> violations() {
        lock.lock();
        try {
            return List.copyOf(violations);
        } finally {
            lock.unlock();
        }
    }

    long applied() {
        lock.lock();
        try {
            return applied;
        } finally {
            lock.unlock();
        }
    }

    long dispatches() {
        lock.lock();
        try {
            return dispatches;
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            sequences.clear();
            violations.clear();
            applied = 0;
        } finally {
            lock.unlock();
        }
    }
}
