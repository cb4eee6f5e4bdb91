// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.Objects;

/**
 * One committed event with where it belongs: aggregate id, sequence, payload and metadata, and the
 * global position where the store assigns one.
 *
 * @param aggregateId the aggregate's id
 * @param sequence the event's place in its aggregate, from 1, without gaps
 * @param payload the event
 * @param metadata the metadata of the command that produced it
 * @param globalPosition the event's position in the store's global order, or 0 where the store
 *     assigns none (or has not read it)
 * @param <E> the event type
 */
public record EventEnvelope<E extends DomainEvent>(
        String aggregateId, long sequence, E payload, Metadata metadata, long globalPosition) {

    /**
     * Validates the fields.
     *
     * @param aggregateId the aggregate's id
     * @param sequence the sequence, at least 1
     * @param payload the event
     * @param metadata the metadata
     * @param globalPosition the global position, 0 when unassigned
     */
    public EventEnvelope {
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(metadata, "metadata");
        if (sequence < 1) {
            throw new IllegalArgumentException(
                    "aggregate " + aggregateId + ": sequence must be at least 1 but was " + sequence);
        }
        if (globalPosition < 0) {
            throw new IllegalArgumentException(
                    "aggregate " + aggregateId + ": global position must not be negative but was " + globalPosition);
        }
    }

    /**
     * An envelope without a global position.
     *
     * @param aggregateId the aggregate's id
     * @param sequence the sequence, at least 1
     * @param payload the event
     * @param metadata the metadata
     */
    public EventEnvelope(String aggregateId, long sequence, E payload, Metadata metadata) {
        this(aggregateId, sequence, payload, metadata, 0);
    }
}
