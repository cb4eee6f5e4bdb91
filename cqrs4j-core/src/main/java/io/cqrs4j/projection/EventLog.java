// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Duration;

/**
 * A store's events in one global order, read so that no event is ever skipped: an event is
 * returned only once no event that sorts before it can still appear (a transaction that is still
 * open holds back everything after its own events). Thread-safe.
 */
public interface EventLog {

    /**
     * Reads the events after {@code after}, in log order.
     *
     * @param after the last position already read, {@link LogPosition#START} at first
     * @param limit the most events to return, at least 1
     * @return the events, possibly none, and whether the read was held back
     * @throws io.cqrs4j.CqrsException when the store cannot be read
     */
    LogBatch read(LogPosition after, int limit);

    /**
     * How many events sort after {@code after}, committed and visible now (the projection's lag).
     *
     * @param after a position
     * @return the count
     */
    long countAfter(LogPosition after);

    /**
     * Waits until new events may have been appended, or {@code timeout} passes. A store with
     * notifications (PostgreSQL's LISTEN/NOTIFY) returns early; the default just sleeps, which is
     * polling.
     *
     * @param timeout the longest wait
     * @throws InterruptedException when interrupted
     */
    default void awaitNewEvents(Duration timeout) throws InterruptedException {
        Thread.sleep(timeout);
    }
}
