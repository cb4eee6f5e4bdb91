// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded least-recently-used map of loaded aggregates, in segments so that threads working on
 * different aggregates rarely meet on one lock.
 */
final class AggregateCache<A> {

    private static final int SEGMENTS = 16;

    private final Segment<A>[] segments;

    @SuppressWarnings("unchecked")
    AggregateCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the aggregate cache needs room for at least 1 entry but was given " + maxEntries);
        }
        int perSegment = Math.max(1, (maxEntries + SEGMENTS - 1) / SEGMENTS);
        segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment<>(perSegment);
        }
    }

    AggregateContext<A> get(String aggregateId) {
        Segment<A> segment = segmentOf(aggregateId);
        segment.lock.lock();
        try {
            return segment.entries.get(aggregateId);
        } finally {
            segment.lock.unlock();
        }
    }

    /** Stores {@code context} unless the cache already holds a newer version of that aggregate. */
    void put(AggregateContext<A> context) {
        Segment<A> segment = segmentOf(context.aggregateId());
        segment.lock.lock();
        try {
            segment.entries.merge(context.aggregateId(), context,
                    (cached, offered) -> offered.version() >= cached.version() ? offered : cached);
        } finally {
            segment.lock.unlock();
        }
    }

    void evict(String aggregateId) {
        Segment<A> segment = segmentOf(aggregateId);
        segment.lock.lock();
        try {
            segment.entries.remove(aggregateId);
        } finally {
            segment.lock.unlock();
        }
    }

    /** Evicts the aggregate unless the cache holds a version newer than {@code staleVersion} (a winner's fresh entry). */
    void evictUnlessNewer(String aggregateId, long staleVersion) {
        Segment<A> segment = segmentOf(aggregateId);
        segment.lock.lock();
        try {
            AggregateContext<A> cached = segment.entries.get(aggregateId);
            if (cached != null && cached.version() <= staleVersion) {
                segment.entries.remove(aggregateId);
            }
        } finally {
            segment.lock.unlock();
        }
    }

    private Segment<A> segmentOf(String aggregateId) {
        int hash = aggregateId.hashCode();
        return segments[(hash ^ (hash >>> 16)) & (SEGMENTS - 1)];
    }

    private static final class Segment<A> {
        final ReentrantLock lock = new ReentrantLock();
        final LinkedHashMap<String, AggregateContext<A>> entries;

        Segment(int capacity) {
            entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AggregateContext<A>> eldest) {
                    return size() > capacity;
                }
            };
        }
    }
}
