// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SemanticVersionEventUpcasterTest {

    private static final String OLD_PAYLOAD = "{\"UpdateAddress\":{\"city\":\"Seattle\"}}";

    private final SemanticVersionEventUpcaster addState = SemanticVersionEventUpcaster.of("UpdateAddress", "0.3.0",
            payload -> payload.replaceFirst("\\}\\}$", ",\"state\":\"WA\"}}"));

    private static SerializedEvent stored(String type, String version) {
        return new SerializedEvent("customer", "C-1", 4, type, version, OLD_PAYLOAD, "{\"time\":\"t\"}", 99);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.2.9", "0.2", "0", "0.1.0"})
    void upcasts_its_event_type_stored_at_an_older_version(String storedVersion) {
        boolean upcasts = addState.canUpcast("UpdateAddress", storedVersion);

        assertThat(upcasts).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.3", "0.3.1", "1.0"})
    void leaves_its_event_type_at_the_same_or_a_newer_version(String storedVersion) {
        boolean upcasts = addState.canUpcast("UpdateAddress", storedVersion);

        assertThat(upcasts).isFalse();
    }

    @Test
    void leaves_other_event_types_and_versions_that_do_not_parse() {
        assertThat(addState.canUpcast("CustomerCreated", "0.1.0")).isFalse();
        assertThat(addState.canUpcast("UpdateAddress", "legacy")).isFalse();
    }

    @Test
    void rewrites_the_payload_and_sets_its_version_keeping_everything_else() {
        SerializedEvent upcast = addState.upcast(stored("UpdateAddress", "0.2.0"));

        assertThat(upcast).isEqualTo(new SerializedEvent("customer", "C-1", 4, "UpdateAddress", "0.3.0",
                "{\"UpdateAddress\":{\"city\":\"Seattle\",\"state\":\"WA\"}}", "{\"time\":\"t\"}", 99));
    }

    @Test
    void writes_the_version_as_it_was_given() {
        var upcaster = SemanticVersionEventUpcaster.of("UpdateAddress", "2", payload -> payload);

        SerializedEvent upcast = upcaster.upcast(stored("UpdateAddress", "1.0"));

        assertThat(upcast.eventVersion()).isEqualTo("2");
    }

    @Test
    void rejects_a_target_version_that_is_not_a_version() {
        assertThatThrownBy(() -> SemanticVersionEventUpcaster.of("UpdateAddress", "latest", payload -> payload))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'latest' is not a version like 1, 1.2 or 1.2.3");
    }
}
