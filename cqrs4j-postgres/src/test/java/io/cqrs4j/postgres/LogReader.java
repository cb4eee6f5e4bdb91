// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Follows an event log as a projection does, from a position, keeping the events a test is
 * about. Waits are bounded: a condition that is not met in time fails the test.
 */
final class LogReader {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EventLog log;
    private final Predicate<LoggedEvent> wanted;
    private final List<LoggedEvent> seen = new ArrayList<>();
    private LogPosition position;
    private LogBatch last = LogBatch.of(List.of());

    LogReader(EventLog log, LogPosition from, Predicate<LoggedEvent> wanted) {
        this.log = log;
        this.position = from;
        this.wanted = wanted;
    }

    /** Reads every batch available now (one read when it is held back or empty). */
    LogBatch readAvailable(int batchSize) {
        while (true) {
            last = log.read(position, batchSize);
            for (LoggedEvent event : last.events()) {
                position = event.position();
                if (wanted.test(event)) {
                    seen.add(event);
                }
            }
            if (last.events().size() < batchSize) {
                return last;
            }
        }
    }

    /** Reads until {@code count} wanted events were seen, or fails after {@link #PATIENCE}. */
    List<LoggedEvent> readUntil(int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (seen.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("saw " + seen.size() + " of " + count + " events after " + PATIENCE
                        + "; the log is at " + position + (last.isHeldBack() ? ", held back: " + last.heldBack() : ""));
            }
            if (readAvailable(100).events().isEmpty()) {
                log.awaitNewEvents(Duration.ofMillis(100));
            }
        }
        return List.copyOf(seen);
    }

    List<LoggedEvent> seen() {
        return List.copyOf(seen);
    }

    LogPosition position() {
        return position;
    }
}
