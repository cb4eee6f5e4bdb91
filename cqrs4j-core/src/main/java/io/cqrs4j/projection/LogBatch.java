// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.util.List;
import java.util.Objects;

/**
 * What one read of the log returned: the next events, and whether the reader is being held back.
 *
 * @param events the events, in log order
 * @param heldBack empty, or why events that exist are not returned yet, e.g. {@code "transaction
 *     8812 open since 2026-11-29T07:01:02Z holds back 3 committed events"}
 */
public record LogBatch(List<LoggedEvent> events, String heldBack) {

    /**
     * Validates and copies.
     *
     * @param events the events
     * @param heldBack the hold-back reason, empty when none
     */
    public LogBatch {
        events = List.copyOf(events);
        Objects.requireNonNull(heldBack, "heldBack");
    }

    /**
     * A batch that nothing holds back.
     *
     * @param events the events
     * @return the batch
     */
    public static LogBatch of(List<LoggedEvent> events) {
        return new LogBatch(events, "");
    }

    /**
     * Whether committed events wait behind an open transaction.
     *
     * @return true when held back
     */
    public boolean isHeldBack() {
        return !heldBack.isEmpty();
    }
}
