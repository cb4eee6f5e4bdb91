// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.persist.SerializedEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored event at its place in the global order.
 *
 * @param position where it is in the log
 * @param event the stored event
 * @param recordedAt when the store recorded it (its clock)
 */
public record LoggedEvent(LogPosition position, SerializedEvent event, Instant recordedAt) {

    /**
     * Validates the fields.
     *
     * @param position the position
     * @param event the event
     * @param recordedAt the time
     */
    public LoggedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
