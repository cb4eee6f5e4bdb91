// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.Objects;

/**
 * An event as it is stored: names, versions, and JSON text for payload and metadata.
 *
 * @param aggregateType the aggregate type
 * @param aggregateId the aggregate's id
 * @param sequence the event's sequence in its aggregate, from 1
 * @param eventType the event type name
 * @param eventVersion the event's shape version
 * @param payload the event as JSON, externally tagged: {@code {"EventType":{...}}}
 * @param metadata the metadata as a JSON object of strings
 * @param globalPosition the position in the store's global order, 0 when not assigned or not read
 */
public record SerializedEvent(String aggregateType, String aggregateId, long sequence, String eventType,
                              String eventVersion, String payload, String metadata, long globalPosition) {

    /**
     * Validates the fields.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @param sequence the sequence, at least 1
     * @param eventType the type name
     * @param eventVersion the version
     * @param payload the payload JSON
     * @param metadata the metadata JSON
     * @param globalPosition the global position, 0 or more
     */
    public SerializedEvent {
        Objects.requireNonNull(aggregateType, "aggregateType");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(eventVersion, "eventVersion");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(metadata, "metadata");
        if (sequence < 1) {
            throw new IllegalArgumentException(aggregateType + " " + aggregateId
                    + ": sequence must be at least 1 but was " + sequence);
        }
        if (globalPosition < 0) {
            throw new IllegalArgumentException(aggregateType + " " + aggregateId
                    + ": global position must not be negative but was " + globalPosition);
        }
    }

    /**
     * A stored event without a global position.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @param sequence the sequence
     * @param eventType the type name
     * @param eventVersion the version
     * @param payload the payload JSON
     * @param metadata the metadata JSON
     */
    public SerializedEvent(String aggregateType, String aggregateId, long sequence, String eventType,
                           String eventVersion, String payload, String metadata) {
        this(aggregateType, aggregateId, sequence, eventType, eventVersion, payload, metadata, 0);
    }

    /**
     * A copy with another type, version and payload, as an upcaster produces.
     *
     * @param newType the new type name
     * @param newVersion the new version
     * @param newPayload the new payload JSON
     * @return the copy
     */
    public SerializedEvent withPayload(String newType, String newVersion, String newPayload) {
        return new SerializedEvent(aggregateType, aggregateId, sequence, newType, newVersion, newPayload,
                metadata, globalPosition);
    }

    /**
     * A copy with a global position, as a store that assigns one returns it.
     *
     * @param position the position
     * @return the copy
     */
    public SerializedEvent withGlobalPosition(long position) {
        return new SerializedEvent(aggregateType, aggregateId, sequence, eventType, eventVersion, payload,
                metadata, position);
    }

    /**
     * Where this event is, for error messages: {@code account ACCT-1 sequence 3 (CustomerDepositedMoney 1.0)}.
     *
     * @return the description
     */
    public String describe() {
        return aggregateType + " " + aggregateId + " sequence " + sequence + " (" + eventType + " " + eventVersion + ")";
    }
}
