// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.UnexpectedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns stored events into envelopes (upcasting first) and new events into stored ones, with
 * errors that say where. One place for every read path: load, tail, replay.
 */
final class EventCodec<A extends Aggregate<?, E, ?>, E extends DomainEvent> {

    private final String aggregateType;
    private final EventSerializer<A, E> serializer;
    private final List<EventUpcaster> upcasters;

    EventCodec(String aggregateType, EventSerializer<A, E> serializer, List<EventUpcaster> upcasters) {
        this.aggregateType = aggregateType;
        this.serializer = serializer;
        this.upcasters = List.copyOf(upcasters);
    }

    EventCodec<A, E> withUpcasters(List<EventUpcaster> more) {
        var all = new ArrayList<>(upcasters);
        all.addAll(more);
        return new EventCodec<>(aggregateType, serializer, all);
    }

    EventSerializer<A, E> serializer() {
        return serializer;
    }

    SerializedEvent upcast(SerializedEvent event) {
        SerializedEvent current = event;
        for (EventUpcaster upcaster : upcasters) {
            if (upcaster.canUpcast(current.eventType(), current.eventVersion())) {
                try {
                    current = upcaster.upcast(current);
                } catch (RuntimeException e) {
                    throw new DeserializationException(event.describe() + ": upcaster "
                            + upcaster.getClass().getName() + " failed: " + e.getMessage(), e);
                }
            }
        }
        return current;
    }

    EventEnvelope<E> decode(SerializedEvent stored) {
        SerializedEvent event = upcast(stored);
        E payload = payloadOf(event);
        Metadata metadata;
        try {
            metadata = serializer.deserializeMetadata(event.metadata());
        } catch (RuntimeException e) {
            throw new DeserializationException(event.describe() + ": metadata is not a JSON object of strings: "
                    + e.getMessage(), e);
        }
        return new EventEnvelope<>(event.aggregateId(), event.sequence(), payload, metadata, event.globalPosition());
    }

    /**
     * Only the event, upcast: what folding an aggregate needs. Skips the metadata, which loading
     * would throw away (about 45 % of the decoding cost, see docs/benchmarks.md).
     */
    E decodePayload(SerializedEvent stored) {
        return payloadOf(upcast(stored));
    }

    private E payloadOf(SerializedEvent event) {
        E payload;
        try {
            payload = serializer.deserializeEvent(event.eventType(), event.eventVersion(), event.payload());
        } catch (DeserializationException e) {
            // a serializer's own error rarely knows which stored event it was reading: say where
            if (e.getMessage() != null && e.getMessage().contains(event.describe())) {
                throw e;
            }
            throw new DeserializationException(event.describe() + ": " + e.getMessage(), e);
        } catch (CqrsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DeserializationException(event.describe() + ": payload does not deserialize: "
                    + e.getMessage(), e);
        }
        if (payload == null) {
            throw new DeserializationException(event.describe() + ": payload deserialized to null", null);
        }
        return payload;
    }

    List<EventEnvelope<E>> decodeAll(List<SerializedEvent> stored) {
        var envelopes = new ArrayList<EventEnvelope<E>>(stored.size());
        for (SerializedEvent event : stored) {
            envelopes.add(decode(event));
        }
        return envelopes;
    }

    List<SerializedEvent> encode(String aggregateId, long version, List<E> events, Metadata metadata) {
        String metadataJson = serialize(aggregateId, "metadata", () -> serializer.serializeMetadata(metadata));
        var serialized = new ArrayList<SerializedEvent>(events.size());
        long sequence = version;
        for (E event : events) {
            sequence++;
            String payload = serialize(aggregateId, "event " + event.eventType(), () -> serializer.serializeEvent(event));
            serialized.add(new SerializedEvent(aggregateType, aggregateId, sequence, event.eventType(),
                    event.eventVersion(), payload, metadataJson));
        }
        return serialized;
    }

    String serialize(String aggregateId, String what, java.util.function.Supplier<String> serialization) {
        try {
            return serialization.get();
        } catch (CqrsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnexpectedException(aggregateType + " " + aggregateId + ": " + what
                    + " does not serialize: " + e.getMessage(), e);
        }
    }
}
