// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.persist.SerializedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Serialized events for repository tests. */
final class TestEvents {

    private TestEvents() {
    }

    /** A new aggregate id. */
    static String newId() {
        return "ID-" + UUID.randomUUID();
    }

    /** {@code count} events of one aggregate from sequence {@code from}, each with a payload of about {@code noteBytes}. */
    static List<SerializedEvent> events(String type, String id, long from, int count, int noteBytes) {
        var events = new ArrayList<SerializedEvent>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(type, id, from + i, "x".repeat(noteBytes)));
        }
        return events;
    }

    /** {@code count} small events of one aggregate from sequence {@code from}. */
    static List<SerializedEvent> events(String type, String id, long from, int count) {
        return events(type, id, from, count, 8);
    }

    static SerializedEvent event(String type, String id, long sequence, String note) {
        return new SerializedEvent(type, id, sequence, "Added", "1.0",
                "{\"Added\":{\"amount\":" + sequence + ",\"note\":\"" + note + "\"}}", "{\"user\":\"test\"}");
    }
}
