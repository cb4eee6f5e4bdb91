// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeDiscoveryTest {

    @Test
    void finds_the_event_type_through_a_generic_superclass() {
        var serializer = JacksonEventSerializer.of(Derived::new);

        String json = serializer.serializeEvent(new Pinged(3));

        assertThat(json).isEqualTo("{\"Pinged\":{\"times\":3}}");
        assertThat(serializer.eventTypes()).containsExactly("Pinged");
    }

    @Test
    void refuses_an_event_type_that_is_not_sealed() {
        assertThatThrownBy(() -> JacksonEventSerializer.of(OpenEnded::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(OpenEvent.class.getName())
                .hasMessageContaining("neither sealed nor concrete");
    }

    @Test
    void refuses_two_event_classes_with_the_same_simple_name() {
        assertThatThrownBy(() -> JacksonEventSerializer.of(Clashing::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share the simple name 'Done'");
    }

    public sealed interface PingEvent extends DomainEvent {
    }

    public record Pinged(int times) implements PingEvent {
    }

    public abstract static class Base<E extends DomainEvent> implements Aggregate<String, E, Void> {
        @Override
        public String aggregateType() {
            return "base";
        }

        @Override
        public List<E> handle(String command, Void services) {
            return List.of();
        }
    }

    public static final class Derived extends Base<PingEvent> {
        @Override
        public Derived apply(PingEvent event) {
            return this;
        }
    }

    public interface OpenEvent extends DomainEvent {
    }

    public record OpenEnded() implements Aggregate<String, OpenEvent, Void> {
        @Override
        public String aggregateType() {
            return "open";
        }

        @Override
        public List<OpenEvent> handle(String command, Void services) {
            return List.of();
        }

        @Override
        public OpenEnded apply(OpenEvent event) {
            return this;
        }
    }

    public sealed interface ClashEvent extends DomainEvent {
        sealed interface First extends ClashEvent {
            record Done() implements First {
            }
        }

        sealed interface Second extends ClashEvent {
            record Done() implements Second {
            }
        }
    }

    public record Clashing() implements Aggregate<String, ClashEvent, Void> {
        @Override
        public String aggregateType() {
            return "clash";
        }

        @Override
        public List<ClashEvent> handle(String command, Void services) {
            return List.of();
        }

        @Override
        public Clashing apply(ClashEvent event) {
            return this;
        }
    }
}
