// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded map of loaded aggregates, in segments so that threads working on different aggregates
 * rarely meet on one lock. The bound is on the whole cache: it holds {@code maxEntries} aggregates
 * however their ids spread over the segments (a bound per segment evicted hot aggregates whose
 * segment happened to fill first); beyond it, the least recently used entry of the segment being
 * written is evicted.
 */
final class AggregateCache<A> {

    private static final int SEGMENTS = 16;
    /** Below this size one segment: with 16, a small cache would evict entries of a segment that just got its first. */
    private static final int SEGMENTED_FROM = 64 * SEGMENTS;

    private final Segment<A>[] segments;

    @SuppressWarnings("unchecked")
    AggregateCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the aggregate cache needs room for at least 1 entry but was given " + maxEntries);
        }
        var size = new AtomicInteger();
        segments = new Segment[maxEntries >= SEGMENTED_FROM ? SEGMENTS : 1];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment<>(size, maxEntries);
        }
    }

    /** How many aggregates the cache holds. */
    int size() {
        int size = 0;
        for (Segment<A> segment : segments) {
            segment.lock.lock();
            try {
                size += segment.entries.size();
            } finally {
                segment.lock.unlock();
            }
        }
        return size;
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
            AggregateContext<A> cached = segment.entries.get(context.aggregateId());
            if (cached == null) {
                segment.size.incrementAndGet();   // before the insertion, which may evict to keep the bound
                segment.entries.put(context.aggregateId(), context);
            } else if (context.version() >= cached.version()) {
                segment.entries.put(context.aggregateId(), context);
            }
        } finally {
            segment.lock.unlock();
        }
    }

    void evict(String aggregateId) {
        Segment<A> segment = segmentOf(aggregateId);
        segment.lock.lock();
        try {
            if (segment.entries.remove(aggregateId) != null) {
                segment.size.decrementAndGet();
            }
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
                segment.size.decrementAndGet();
            }
        } finally {
            segment.lock.unlock();
        }
    }

    private Segment<A> segmentOf(String aggregateId) {
        int hash = aggregateId.hashCode();
        return segments[(hash ^ (hash >>> 16)) & (segments.length - 1)];
    }

    private static final class Segment<A> {
        final ReentrantLock lock = new ReentrantLock();
        /** The entries of every segment, shared. */
        final AtomicInteger size;
        final LinkedHashMap<String, AggregateContext<A>> entries;

        Segment(AtomicInteger size, int maxEntries) {
            this.size = size;
            entries = new LinkedHashMap<>(Math.min(maxEntries / SEGMENTS + 1, 1024) * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AggregateContext<A>> eldest) {
                    if (size.get() > maxEntries) {
                        size.decrementAndGet();
                        return true;
                    }
                    return false;
                }
            };
        }
    }
}
