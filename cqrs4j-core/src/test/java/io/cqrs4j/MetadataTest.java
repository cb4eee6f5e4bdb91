// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {

    @Test
    void reads_the_well_known_keys_through_typed_accessors() {
        var metadata = Metadata.of(Map.of(
                "time", "2025-01-02T03:04:05.123Z",
                "User-Agent", "curl/8.5",
                "client_ip", "203.0.113.7",
                "correlation_id", "req-42",
                "causation_id", "cmd-41"));

        assertThat(metadata.time()).contains(Instant.parse("2025-01-02T03:04:05.123Z"));
        assertThat(metadata.userAgent()).contains("curl/8.5");
        assertThat(metadata.clientIp()).contains("203.0.113.7");
        assertThat(metadata.correlationId()).contains("req-42");
        assertThat(metadata.causationId()).contains("cmd-41");
    }

    @Test
    void the_key_names_are_those_cqrs_demo_writes() {
        assertThat(Metadata.TIME).isEqualTo("time");
        assertThat(Metadata.URI).isEqualTo("uri");
        assertThat(Metadata.USER_AGENT).isEqualTo("User-Agent");
    }

    @Test
    void absent_keys_read_as_empty() {
        var metadata = Metadata.empty();

        assertThat(metadata.time()).isEmpty();
        assertThat(metadata.userAgent()).isEmpty();
        assertThat(metadata.clientIp()).isEmpty();
        assertThat(metadata.correlationId()).isEmpty();
        assertThat(metadata.causationId()).isEmpty();
        assertThat(metadata.get("anything")).isEmpty();
    }

    @Test
    void a_time_that_is_not_an_instant_reads_as_empty_but_stays_readable_as_text() {
        var metadata = Metadata.empty().with(Metadata.TIME, "yesterday");

        assertThat(metadata.time()).isEmpty();
        assertThat(metadata.get(Metadata.TIME)).contains("yesterday");
    }

    @Test
    void with_time_writes_an_rfc_3339_instant_that_reads_back() {
        Instant time = Instant.parse("2025-06-01T12:00:00Z");

        var metadata = Metadata.empty().withTime(time);

        assertThat(metadata.get(Metadata.TIME)).contains("2025-06-01T12:00:00Z");
        assertThat(metadata.time()).contains(time);
    }

    @Test
    void with_returns_a_copy_and_leaves_the_original_unchanged() {
        var original = Metadata.empty().with("a", "1");

        var changed = original.with("b", "2").with("a", "3");

        assertThat(original.values()).containsExactly(Map.entry("a", "1"));
        assertThat(changed.values()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void copies_the_map_it_is_given_and_keeps_its_order() {
        var source = new LinkedHashMap<String, String>();
        source.put("z", "1");
        source.put("a", "2");

        var metadata = Metadata.of(source);
        source.put("later", "3");

        assertThat(metadata.values()).containsExactly(Map.entry("z", "1"), Map.entry("a", "2"));
    }

    @Test
    void its_values_cannot_be_modified() {
        var metadata = Metadata.empty().with("a", "1");

        assertThatThrownBy(() -> metadata.values().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> metadata.values().remove("a")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_null_keys_and_values_naming_the_key() {
        var nullValue = new HashMap<String, String>();
        nullValue.put("client_ip", null);
        var nullKey = new HashMap<String, String>();
        nullKey.put(null, "x");

        assertThatThrownBy(() -> Metadata.of(nullValue))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata value of key 'client_ip'");
        assertThatThrownBy(() -> Metadata.of(nullKey))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata key");
        assertThatThrownBy(() -> new Metadata(null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata values");
        assertThatThrownBy(() -> Metadata.empty().with("uri", null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata value of key 'uri'");
    }

    @Test
    void equal_pairs_make_equal_metadata() {
        var one = Metadata.empty().with("a", "1");

        var other = Metadata.of(Map.of("a", "1"));

        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
        assertThat(Metadata.of(Map.of())).isSameAs(Metadata.empty());
    }
}
