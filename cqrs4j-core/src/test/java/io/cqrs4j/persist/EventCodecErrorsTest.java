// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrs4j.DeserializationException;
import io.cqrs4j.Metadata;
import io.cqrs4j.memory.InMemoryEventRepository;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A serializer's own {@link DeserializationException} seldom knows which stored event it was
 * reading; the store adds the aggregate, the sequence and the event type, once, keeping the
 * serializer's error as the cause.
 */
class EventCodecErrorsTest {

    private final InMemoryEventRepository repository = InMemoryEventRepository.create();

    @Test
    void a_serializers_own_deserialization_error_is_given_the_aggregate_sequence_and_type() {
        var failure = new DeserializationException("field by is not a number", new NumberFormatException("x"));
        var store = PersistedEventStore.eventSourced(repository, failingWith(failure));
        storeTwoEvents("counter-1");

        var error = catchThrowableOfType(DeserializationException.class, () -> store.load("counter-1"));

        assertThat(error.getMessage()).contains("counter-1").contains("sequence 1").contains("Incremented")
                .contains("field by is not a number");
        assertThat(error.getCause()).isSameAs(failure);
        assertThat(catchThrowableOfType(DeserializationException.class, () -> store.loadEvents("counter-1")).getCause())
                .isSameAs(failure);
    }

    @Test
    void an_error_that_already_names_the_event_is_passed_on_unchanged() {
        storeTwoEvents("counter-2");
        SerializedEvent first = repository.getEvents(Counter.initial().aggregateType(), "counter-2").getFirst();
        var failure = new DeserializationException(first.describe() + ": field by is missing", null);
        var store = PersistedEventStore.eventSourced(repository, failingWith(failure));

        assertThat(catchThrowableOfType(DeserializationException.class, () -> store.load("counter-2"))).isSameAs(failure);
    }

    private void storeTwoEvents(String id) {
        var store = PersistedEventStore.eventSourced(repository, new CounterSerializer());
        store.commit(store.load(id), List.of(new Counter.Incremented(1), new Counter.Incremented(2)), Metadata.empty());
    }

    /** The hand-written serializer, except that reading an event throws {@code failure}. */
    private static EventSerializer<Counter, Counter.Incremented> failingWith(DeserializationException failure) {
        var delegate = new CounterSerializer();
        return new EventSerializer<>() {
            @Override
            public Counter initialState() {
                return delegate.initialState();
            }

            @Override
            public String serializeEvent(Counter.Incremented event) {
                return delegate.serializeEvent(event);
            }

            @Override
            public Counter.Incremented deserializeEvent(String eventType, String eventVersion, String payload) {
                throw failure;
            }

            @Override
            public String serializeMetadata(Metadata metadata) {
                return delegate.serializeMetadata(metadata);
            }

            @Override
            public Metadata deserializeMetadata(String json) {
                return delegate.deserializeMetadata(json);
            }

            @Override
            public String serializeAggregate(Counter aggregate) {
                return delegate.serializeAggregate(aggregate);
            }

            @Override
            public Counter deserializeAggregate(String json) {
                return delegate.deserializeAggregate(json);
            }
        };
    }
}
