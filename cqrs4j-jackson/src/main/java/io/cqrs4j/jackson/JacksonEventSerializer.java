// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.Metadata;
import io.cqrs4j.persist.EventSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An {@link EventSerializer} on Jackson that reads and writes the JSON cqrs-es writes, so events
 * stored by the Rust crates load here and the other way round.
 *
 * {@snippet :
 * var serializer = JacksonEventSerializer.of(BankAccount::initial);
 * var store = PersistedEventStore.snapshotting(repository, serializer, 100);
 * }
 *
 * <ul>
 *   <li>Events are externally tagged: {@code {"CustomerDepositedMoney":{"amount":100.0,"balance":100.0}}}.
 *       The tags are the simple names of the records that the aggregate's sealed event interface
 *       permits, directly or through nested sealed interfaces; the event type is read from the
 *       aggregate's {@code Aggregate<C, E, S>} type arguments. No annotations are needed.</li>
 *   <li>Metadata is a JSON object of strings; snapshots are the aggregate record as a JSON object.</li>
 *   <li>With the default mapper ({@link #defaultObjectMapper()}): snake_case field names
 *       ({@code accountId} is {@code account_id}), as serde writes Rust fields; {@code BigDecimal}
 *       keeps its scale and is written as a plain number; {@code java.time} values are ISO-8601
 *       strings; unknown fields are ignored and missing ones refused, as serde does.</li>
 * </ul>
 *
 * <p>Thread-safe. Reading errors are {@link IllegalArgumentException}s that say what was expected;
 * the store wraps them in a {@link io.cqrs4j.DeserializationException} naming the event.
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public final class JacksonEventSerializer<A extends Aggregate<?, E, ?>, E extends DomainEvent>
        implements EventSerializer<A, E> {

    private final Supplier<A> initial;
    private final Class<?> aggregateClass;
    private final EventTypes events;
    private final ObjectMapper mapper;
    /** One reader per event class, built once: resolving the type per event showed in JFR profiles. */
    private final ConcurrentHashMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    /** One writer per event class: a map wrapping the event cost a map serializer and a type lookup per event. */
    private final ConcurrentHashMap<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();

    private JacksonEventSerializer(Supplier<A> initial, ObjectMapper mapper) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        A state = Objects.requireNonNull(initial.get(), "the initial state supplier returned null");
        this.aggregateClass = state.getClass();
        this.events = EventTypes.of(aggregateClass);
    }

    /**
     * A serializer for the aggregate whose initial state {@code initial} supplies, with the
     * default mapper.
     *
     * @param initial the state of an aggregate with no events, e.g. {@code BankAccount::initial}
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the serializer
     * @throws IllegalArgumentException when the event type is not a sealed interface of records
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> JacksonEventSerializer<A, E> of(
            Supplier<A> initial) {
        return new JacksonEventSerializer<>(initial, JsonSupport.defaultMapper());
    }

    /**
     * A serializer with a mapper of your own, e.g. {@link #defaultObjectMapper()} with other field
     * names or more modules. The mapper must not be reconfigured afterwards.
     *
     * @param initial the state of an aggregate with no events
     * @param mapper the mapper
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the serializer
     * @throws IllegalArgumentException when the event type is not a sealed interface of records
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> JacksonEventSerializer<A, E> of(
            Supplier<A> initial, ObjectMapper mapper) {
        return new JacksonEventSerializer<>(initial, mapper);
    }

    /**
     * A new mapper configured as this module's default, to adjust and pass to {@link #of(Supplier, ObjectMapper)}.
     *
     * @return a new mapper
     */
    public static ObjectMapper defaultObjectMapper() {
        return JsonSupport.defaultMapper();
    }

    /**
     * The tags this serializer knows: the simple names of the event records.
     *
     * @return the tags, sorted
     */
    public Set<String> eventTypes() {
        return Collections.unmodifiableSet(events.tags());
    }

    @Override
    public A initialState() {
        return initial.get();
    }

    @Override
    public String serializeEvent(E event) {
        String tag = events.tagOf(event.getClass());
        var json = new StringWriter(128);
        try (JsonGenerator generator = mapper.createGenerator(json)) {
            generator.writeStartObject();
            generator.writeFieldName(tag);
            writers.computeIfAbsent(event.getClass(), mapper::writerFor).writeValue(generator, event);
            generator.writeEndObject();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + tag + " does not serialize: " + JsonSupport.reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("event " + tag + " could not be written", e);
        }
        return json.toString();
    }

    @Override
    public E deserializeEvent(String eventType, String eventVersion, String payload) {
        String tag = null;
        try (JsonParser parser = mapper.createParser(payload)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_STRING) {
                return unitEvent(parser.getText(), parser);
            }
            if (first != JsonToken.START_OBJECT) {
                throw notTagged(payload, "it is " + (first == null ? "empty" : "a JSON " + kind(first)));
            }
            if (parser.nextToken() != JsonToken.FIELD_NAME) {
                throw notTagged(payload, "the object is empty");
            }
            tag = parser.currentName();
            Class<?> type = known(tag);
            parser.nextToken();
            E event = cast(readers.computeIfAbsent(type, mapper::readerFor).readValue(parser), tag);
            if (parser.nextToken() != JsonToken.END_OBJECT) {
                throw notTagged(payload, "it has a key after '" + tag + "': '" + parser.currentName() + "'");
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("payload has content after the event object: "
                        + JsonSupport.excerpt(payload));
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException((tag == null ? "not valid JSON: " : "not a valid " + tag + ": ")
                    + JsonSupport.reason(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload could not be read: " + e.getMessage(), e);
        }
    }

    /** serde writes a variant without fields as a bare string; such events are records without components. */
    private E unitEvent(String tag, JsonParser parser) throws IOException {
        Class<?> type = known(tag);
        if (parser.nextToken() != null) {
            throw new IllegalArgumentException("payload has content after the event name '" + tag + "'");
        }
        return cast(mapper.readValue("{}", type), tag);
    }

    private Class<?> known(String tag) {
        Class<?> type = events.classOf(tag);
        if (type == null) {
            throw new IllegalArgumentException("unknown event type '" + tag + "' in the payload; "
                    + events.eventClass().getName() + " knows " + events.tags()
                    + "; add the record to the sealed interface or register an upcaster that renames it");
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private E cast(Object event, String tag) {
        if (event == null) {
            throw new IllegalArgumentException("payload of event '" + tag + "' is null; expected a JSON object");
        }
        return (E) event;
    }

    private IllegalArgumentException notTagged(String payload, String why) {
        return new IllegalArgumentException("payload must be a JSON object with exactly one key, the event type ("
                + "e.g. {\"" + events.tags().iterator().next() + "\":{...}}), but " + why + ": "
                + JsonSupport.excerpt(payload));
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    @Override
    public String serializeMetadata(Metadata metadata) {
        // a flat object of strings, written directly: the map serializer cost as much as the event's
        var json = new StringWriter(64);
        try (JsonGenerator generator = mapper.createGenerator(json)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> entry : metadata.values().entrySet()) {
                generator.writeStringField(entry.getKey(), entry.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("metadata could not be written", e);
        }
        return json.toString();
    }

    @Override
    public Metadata deserializeMetadata(String json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not valid JSON: " + JsonSupport.reason(e), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("metadata is " + (tree == null ? "empty" : JsonSupport.describe(tree))
                    + ", not a JSON object of strings: " + JsonSupport.excerpt(json));
        }
        var values = new LinkedHashMap<String, String>();
        for (Map.Entry<String, JsonNode> entry : tree.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("metadata key '" + entry.getKey() + "' holds "
                        + JsonSupport.describe(entry.getValue()) + ", not a string");
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        }
        return Metadata.of(values);
    }

    @Override
    public String serializeAggregate(A aggregate) {
        try {
            return mapper.writeValueAsString(aggregate);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(aggregateClass.getName() + " does not serialize: "
                    + JsonSupport.reason(e), e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public A deserializeAggregate(String json) {
        Object state;
        try {
            state = mapper.readValue(json, aggregateClass);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot is not a valid " + aggregateClass.getName() + ": "
                    + JsonSupport.reason(e), e);
        }
        if (state == null) {
            throw new IllegalArgumentException("snapshot is null; expected a " + aggregateClass.getName() + " object");
        }
        return (A) state;
    }
}
