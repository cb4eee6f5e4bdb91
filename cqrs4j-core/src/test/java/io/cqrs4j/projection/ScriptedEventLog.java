// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.persist.SerializedEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event log whose test decides what a reader sees: events past {@link #visible} exist (they
 * count in the lag) but are held back with {@link #heldBack} as the reason, as an open
 * transaction would hold them on a database.
 */
final class ScriptedEventLog implements EventLog {

    final AtomicInteger reads = new AtomicInteger();
    volatile int visible = Integer.MAX_VALUE;
    volatile String heldBack = "";
    private final List<LoggedEvent> events = new CopyOnWriteArrayList<>();

    /** Appends a posting of 1 to {@code ledgerId} at the next position, recorded at {@code recordedAt}. */
    void append(String ledgerId, long sequence, Instant recordedAt) {
        long position = events.size() + 1L;
        events.add(new LoggedEvent(LogPosition.of(position), new SerializedEvent("ledger", ledgerId, sequence, "Posted",
                "1.0", "{\"Posted\":{\"amount\":1}}", "{}", position), recordedAt));
    }

    @Override
    public LogBatch read(LogPosition after, int limit) {
        reads.incrementAndGet();
        int to = Math.min(events.size(), visible);
        List<LoggedEvent> batch = events.subList(0, Math.max(to, 0)).stream()
                .filter(event -> event.position().compareTo(after) > 0)
                .limit(limit)
                .toList();
        return new LogBatch(batch, visible < events.size() ? heldBack : "");
    }

    @Override
    public long countAfter(LogPosition after) {
        return events.stream().filter(event -> event.position().compareTo(after) > 0).count();
    }
}
