// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What loading a snapshotted aggregate reads: its snapshot, if one was written, and the events
 * after it (all of its events when there is none).
 *
 * @param storedSnapshot the snapshot, or null when none was written
 * @param events the events after the snapshot's last sequence, in sequence order
 */
public record SnapshotAndEvents(SerializedSnapshot storedSnapshot, List<SerializedEvent> events) {

    /**
     * Copies the events.
     *
     * @param storedSnapshot the snapshot, or null
     * @param events the events after it
     */
    public SnapshotAndEvents {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    /**
     * The snapshot.
     *
     * @return the snapshot, or empty when none was written
     */
    public Optional<SerializedSnapshot> snapshot() {
        return Optional.ofNullable(storedSnapshot);
    }
}
