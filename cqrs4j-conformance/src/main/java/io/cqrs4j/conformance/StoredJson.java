// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.List;

/**
 * Stored rows compared by meaning: a backend may store JSON as text, {@code json}, {@code jsonb}
 * or bytes, so whitespace and key order may change but values may not.
 */
final class StoredJson {

    private static final ObjectMapper MAPPER = JacksonEventSerializer.defaultObjectMapper();

    private StoredJson() {
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the store returned invalid JSON: " + e.getOriginalMessage() + ": "
                    + (json.length() > 200 ? json.substring(0, 200) + "…" : json), e);
        }
    }

    /** An event without its global position, with parsed JSON. */
    record Event(String aggregateType, String aggregateId, long sequence, String eventType, String eventVersion,
                 JsonNode payload, JsonNode metadata) {
    }

    /** A snapshot with parsed JSON. */
    record Snapshot(String aggregateType, String aggregateId, JsonNode payload, long lastSequence,
                    long snapshotVersion) {
    }

    static Event of(SerializedEvent e) {
        return new Event(e.aggregateType(), e.aggregateId(), e.sequence(), e.eventType(), e.eventVersion(),
                tree(e.payload()), tree(e.metadata()));
    }

    static List<Event> of(List<SerializedEvent> events) {
        return events.stream().map(StoredJson::of).toList();
    }

    static Snapshot of(SerializedSnapshot s) {
        return new Snapshot(s.aggregateType(), s.aggregateId(), tree(s.payload()), s.lastSequence(), s.snapshotVersion());
    }
}
