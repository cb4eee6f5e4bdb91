// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.Objects;

/**
 * An aggregate's state as it is stored, with the sequence it was built from.
 *
 * @param aggregateType the aggregate type
 * @param aggregateId the aggregate's id
 * @param payload the state as JSON
 * @param lastSequence the sequence of the last event folded into the state: exactly that one
 * @param snapshotVersion a counter of this aggregate's snapshots, from 1; the optimistic lock of
 *     the snapshot row
 */
public record SerializedSnapshot(String aggregateType, String aggregateId, String payload, long lastSequence,
                                 long snapshotVersion) {

    /**
     * Validates the fields.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @param payload the state JSON
     * @param lastSequence the sequence, 0 or more
     * @param snapshotVersion the snapshot counter, at least 1
     */
    public SerializedSnapshot {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        if (lastSequence < 0) {
            throw new IllegalArgumentException(aggregateType + " " + aggregateId
                    + ": snapshot sequence must not be negative but was " + lastSequence);
        }
        if (snapshotVersion < 1) {
            throw new IllegalArgumentException(aggregateType + " " + aggregateId
                    + ": snapshot version must be at least 1 but was " + snapshotVersion);
        }
    }
}
