// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SemanticVersionEventUpcaster;
import io.cqrs4j.persist.SerializedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The article's upcaster: UpdateAddress stored at 0.2 gains a state when loaded by 0.3.0 code. */
class UpcastingTest {

    private static final SemanticVersionEventUpcaster ADD_STATE = SemanticVersionEventUpcaster.of(
            "UpdateAddress", "0.3.0", JsonUpcasts.onFields(fields -> fields.put("state", "WA")));

    private final InMemoryEventRepository repository = InMemoryEventRepository.create();
    private final JacksonEventSerializer<Customer, CustomerEvent> serializer = JacksonEventSerializer.of(Customer::initial);

    @Test
    void an_update_address_stored_at_0_2_gets_the_state_wa_when_loaded_by_0_3_0_code() {
        storeVersion02("C-1");
        var store = PersistedEventStore.eventSourced(repository, serializer).withUpcasters(ADD_STATE);

        var context = store.load("C-1");
        List<EventEnvelope<CustomerEvent>> events = store.loadEvents("C-1");

        assertThat(context.version()).isEqualTo(2);
        assertThat(context.aggregate()).isEqualTo(new Customer("Ada", "912 Spring St", "Seattle", "WA"));
        assertThat(events.get(1).payload()).isEqualTo(new CustomerEvent.UpdateAddress("912 Spring St", "Seattle", "WA"));
        assertThat(repository.getEvents("customer", "C-1").get(1).payload())
                .as("nothing stored is rewritten")
                .isEqualTo("{\"UpdateAddress\":{\"address\":\"912 Spring St\",\"city\":\"Seattle\"}}");
    }

    @Test
    void without_the_upcaster_the_old_event_does_not_load_and_the_error_names_it() {
        storeVersion02("C-2");
        var store = PersistedEventStore.eventSourced(repository, serializer);

        assertThatThrownBy(() -> store.load("C-2"))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("customer C-2 sequence 2 (UpdateAddress 0.2)")
                .hasMessageContaining("state");
    }

    @Test
    void leaves_events_already_at_the_new_version_alone() {
        var store = PersistedEventStore.eventSourced(repository, serializer).withUpcasters(ADD_STATE);
        store.commit(store.load("C-3"), List.of(new CustomerEvent.UpdateAddress("1 Main St", "Portland", "OR")),
                Metadata.empty());

        var context = store.load("C-3");

        assertThat(context.aggregate().state()).isEqualTo("OR");
    }

    @Test
    void on_object_can_rename_the_tag_and_keeps_numbers_exact() {
        var rename = JsonUpcasts.onObject(payload -> {
            var fields = payload.remove("Moved");
            payload.set("UpdateAddress", fields);
            return payload;
        });

        String upcast = rename.apply("{\"Moved\":{\"address\":\"x\",\"amount\":100.0,\"big\":12345678901234567890.10}}");

        assertThat(upcast).isEqualTo("{\"UpdateAddress\":{\"address\":\"x\",\"amount\":100.0,\"big\":12345678901234567890.10}}");
    }

    @Test
    void on_fields_refuses_a_payload_that_is_not_externally_tagged() {
        var upcast = JsonUpcasts.onFields(fields -> fields);

        assertThatThrownBy(() -> upcast.apply("{\"a\":{},\"b\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one key");
        assertThatThrownBy(() -> upcast.apply("{\"a\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the fields of event 'a' must be an object but are the number 1");
        assertThatThrownBy(() -> upcast.apply("[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payload must be a JSON object but is an array");
    }

    private void storeVersion02(String id) {
        repository.persist(List.of(
                new SerializedEvent("customer", id, 1, "NameAdded", "0.1", "{\"NameAdded\":{\"name\":\"Ada\"}}", "{}"),
                new SerializedEvent("customer", id, 2, "UpdateAddress", "0.2",
                        "{\"UpdateAddress\":{\"address\":\"912 Spring St\",\"city\":\"Seattle\"}}", "{}")), null);
    }

    public record Customer(String name, String address, String city, String state)
            implements Aggregate<Void, CustomerEvent, Void> {

        static Customer initial() {
            return new Customer("", "", "", "");
        }

        @Override
        public String aggregateType() {
            return "customer";
        }

        @Override
        public List<CustomerEvent> handle(Void command, Void services) {
            return List.of();
        }

        @Override
        public Customer apply(CustomerEvent event) {
            return switch (event) {
                case CustomerEvent.NameAdded added -> new Customer(added.name(), address, city, state);
                case CustomerEvent.UpdateAddress moved -> new Customer(name, moved.address(), moved.city(), moved.state());
            };
        }
    }

    public sealed interface CustomerEvent extends DomainEvent {
        record NameAdded(String name) implements CustomerEvent {
        }

        record UpdateAddress(String address, String city, String state) implements CustomerEvent {
            @Override
            public String eventVersion() {
                return "0.3.0";
            }
        }
    }
}
