// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.DeserializationException;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The item layout of dynamo-es: events and snapshots as DynamoDB items, and back. */
final class EventItems {

    static final String KEY = "AggregateTypeAndId";
    static final String SEQUENCE = "AggregateIdSequence";
    static final String AGGREGATE_TYPE = "AggregateType";
    static final String AGGREGATE_ID = "AggregateId";
    static final String EVENT_TYPE = "EventType";
    static final String EVENT_VERSION = "EventVersion";
    static final String PAYLOAD = "Payload";
    static final String METADATA = "Metadata";
    static final String CURRENT_SEQUENCE = "CurrentSequence";
    static final String CURRENT_SNAPSHOT = "CurrentSnapshot";

    private EventItems() {
    }

    /** The hash key of an aggregate's events and snapshot: {@code "{type}:{id}"}, as dynamo-es writes it. */
    static String key(String aggregateType, String aggregateId) {
        return checkedType(aggregateType) + ":" + aggregateId;
    }

    /** The aggregate type, once checked to keep {@code "{type}:{id}"} unambiguous. */
    static String checkedType(String aggregateType) {
        if (aggregateType.isBlank() || aggregateType.indexOf(':') >= 0) {
            throw new IllegalArgumentException("aggregate type \"" + aggregateType + "\" cannot be stored in DynamoDB:"
                    + " it must be non-blank and without ':', which separates type and id in " + KEY);
        }
        return aggregateType;
    }

    static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue json(String value) {
        return AttributeValue.fromB(SdkBytes.fromUtf8String(value));
    }

    static Map<String, AttributeValue> eventItem(SerializedEvent event) {
        var item = new HashMap<String, AttributeValue>(12);
        item.put(KEY, string(key(event.aggregateType(), event.aggregateId())));
        item.put(SEQUENCE, number(event.sequence()));
        item.put(AGGREGATE_TYPE, string(event.aggregateType()));
        item.put(AGGREGATE_ID, string(event.aggregateId()));
        item.put(EVENT_TYPE, string(event.eventType()));
        item.put(EVENT_VERSION, string(event.eventVersion()));
        item.put(PAYLOAD, json(event.payload()));
        item.put(METADATA, json(event.metadata()));
        return item;
    }

    static Map<String, AttributeValue> snapshotItem(SerializedSnapshot snapshot) {
        var item = new HashMap<String, AttributeValue>(8);
        item.put(KEY, string(key(snapshot.aggregateType(), snapshot.aggregateId())));
        item.put(AGGREGATE_TYPE, string(snapshot.aggregateType()));
        item.put(AGGREGATE_ID, string(snapshot.aggregateId()));
        item.put(CURRENT_SEQUENCE, number(snapshot.lastSequence()));
        item.put(CURRENT_SNAPSHOT, number(snapshot.snapshotVersion()));
        item.put(PAYLOAD, json(snapshot.payload()));
        return item;
    }

    static SerializedEvent event(Map<String, AttributeValue> item, String table) {
        var reader = new ItemReader(item, table);
        return new SerializedEvent(reader.string(AGGREGATE_TYPE), reader.string(AGGREGATE_ID), reader.number(SEQUENCE),
                reader.string(EVENT_TYPE), reader.string(EVENT_VERSION), reader.json(PAYLOAD), reader.json(METADATA));
    }

    static SerializedSnapshot snapshot(Map<String, AttributeValue> item, String table) {
        var reader = new ItemReader(item, table);
        return new SerializedSnapshot(reader.string(AGGREGATE_TYPE), reader.string(AGGREGATE_ID), reader.json(PAYLOAD),
                reader.number(CURRENT_SEQUENCE), reader.number(CURRENT_SNAPSHOT));
    }

    /** Reads typed attributes; a missing or mistyped one is a {@link DeserializationException} naming the item. */
    record ItemReader(Map<String, AttributeValue> item, String table) {

        String string(String name) {
            AttributeValue value = item.get(name);
            if (value == null || value.s() == null) {
                throw missing(name, "S");
            }
            return value.s();
        }

        long number(String name) {
            AttributeValue value = item.get(name);
            if (value == null || value.n() == null) {
                throw missing(name, "N");
            }
            try {
                return Long.parseLong(value.n());
            } catch (NumberFormatException e) {
                throw new DeserializationException(where() + ": attribute " + name + " is " + value.n()
                        + ", expected a whole number", e);
            }
        }

        /** JSON stored as bytes (B), as dynamo-es writes it; a string (S) is read too. */
        String json(String name) {
            AttributeValue value = item.get(name);
            if (value != null && value.b() != null) {
                return value.b().asUtf8String();
            }
            if (value != null && value.s() != null) {
                return value.s();
            }
            throw missing(name, "B");
        }

        private DeserializationException missing(String name, String type) {
            return new DeserializationException(where() + ": attribute " + name + " (" + type
                    + ") is missing or of another type; the item was not written in the dynamo-es layout", null);
        }

        private String where() {
            AttributeValue key = item.get(KEY);
            AttributeValue sequence = item.get(SEQUENCE);
            AttributeValue eventType = item.get(EVENT_TYPE);
            return "table " + table + " item " + (key == null ? "?" : key.s())
                    + (sequence == null ? "" : " sequence " + sequence.n())
                    + (eventType == null || eventType.s() == null ? "" : " (" + eventType.s() + ")");
        }
    }
}
