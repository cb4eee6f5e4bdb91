// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.cqrs4j.jackson.BankAccount.Event;
import io.cqrs4j.jackson.BankAccount.Event.AccountClosed;
import io.cqrs4j.jackson.BankAccount.Event.AccountOpened;
import io.cqrs4j.jackson.BankAccount.Event.CheckEvent.CheckBounced;
import io.cqrs4j.jackson.BankAccount.Event.CheckEvent.CustomerWroteCheck;
import io.cqrs4j.jackson.BankAccount.Event.CustomerDepositedMoney;
import io.cqrs4j.jackson.BankAccount.Event.CustomerWithdrewCash;
import io.cqrs4j.jackson.BankAccount.Event.StatementIssued;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonEventSerializerTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final JacksonEventSerializer<BankAccount, Event> serializer = JacksonEventSerializer.of(BankAccount::initial);

    @Test
    void writes_the_externally_tagged_payload_that_cqrs_es_writes() throws Exception {
        var check = new CustomerWroteCheck("1170", new BigDecimal("256.28"), new BigDecimal("343.72"));

        String json = serializer.serializeEvent(check);

        assertThat(PLAIN.readTree(json)).isEqualTo(PLAIN.readTree(
                "{\"CustomerWroteCheck\":{\"check_number\":\"1170\",\"amount\":256.28,\"balance\":343.72}}"));
        assertThat(json).isEqualTo(
                "{\"CustomerWroteCheck\":{\"check_number\":\"1170\",\"amount\":256.28,\"balance\":343.72}}");
    }

    @Test
    void reads_payloads_as_the_rust_demo_stores_them() {
        String stored = "{\"CustomerWithdrewCash\":{\"amount\":400.0,\"balance\":600.0,\"atm_id\":\"ATM-N468290\"}}";

        Event event = serializer.deserializeEvent("CustomerWithdrewCash", "1.0", stored);

        assertThat(event).isEqualTo(new CustomerWithdrewCash(new BigDecimal("400.0"), new BigDecimal("600.0"),
                "ATM-N468290"));
    }

    @Test
    void round_trips_every_event_type_including_nested_sealed_interfaces() {
        List<Event> events = List.of(
                new AccountOpened("ACCT-1234"),
                new CustomerDepositedMoney(new BigDecimal("1000.0"), new BigDecimal("1000.0")),
                new CustomerWithdrewCash(new BigDecimal("400"), new BigDecimal("600"), "ATM-1"),
                new CustomerWroteCheck("1170", new BigDecimal("256.28"), new BigDecimal("343.72")),
                new CheckBounced("1170"),
                new StatementIssued(LocalDate.of(2024, 2, 29), Instant.parse("2024-03-01T12:30:45.123456789Z"),
                        OffsetDateTime.parse("2024-03-01T08:00:00+09:00"), Duration.ofMinutes(90)),
                new AccountClosed());

        List<Event> read = events.stream()
                .map(event -> serializer.deserializeEvent(event.eventType(), "1.0", serializer.serializeEvent(event)))
                .toList();

        assertThat(read).isEqualTo(events);
        assertThat(serializer.eventTypes()).containsExactly("AccountClosed", "AccountOpened", "CheckBounced",
                "CustomerDepositedMoney", "CustomerWithdrewCash", "CustomerWroteCheck", "StatementIssued");
    }

    @Test
    void tags_the_payload_with_the_simple_name_even_when_the_event_type_is_overridden() {
        String json = serializer.serializeEvent(new CheckBounced("7"));

        assertThat(json).isEqualTo("{\"CheckBounced\":{\"check_number\":\"7\"}}");
    }

    @Test
    void keeps_the_scale_of_big_decimals_as_written() {
        String stored = "{\"CustomerDepositedMoney\":{\"amount\":100,\"balance\":256.280}}";

        var event = (CustomerDepositedMoney) serializer.deserializeEvent("CustomerDepositedMoney", "1.0", stored);

        assertThat(event.amount().scale()).isZero();
        assertThat(event.amount().toPlainString()).isEqualTo("100");
        assertThat(event.balance().scale()).isEqualTo(3);
        assertThat(serializer.serializeEvent(event)).isEqualTo(stored);
    }

    @Test
    void writes_big_decimals_as_plain_numbers_never_in_e_notation() {
        var event = new CustomerDepositedMoney(new BigDecimal("1E+3"), new BigDecimal("0.00000001"));

        String json = serializer.serializeEvent(event);

        assertThat(json).isEqualTo("{\"CustomerDepositedMoney\":{\"amount\":1000,\"balance\":0.00000001}}");
    }

    @Test
    void writes_java_time_values_as_iso_strings() throws Exception {
        var statement = new StatementIssued(LocalDate.of(2024, 2, 29), Instant.parse("2024-03-01T12:30:45.123456789Z"),
                OffsetDateTime.parse("2024-03-01T08:00:00+09:00"), Duration.ofMinutes(90));

        JsonNode fields = PLAIN.readTree(serializer.serializeEvent(statement)).get("StatementIssued");

        assertThat(fields.get("period").textValue()).isEqualTo("2024-02-29");
        assertThat(fields.get("issued_at").textValue()).isEqualTo("2024-03-01T12:30:45.123456789Z");
        assertThat(fields.get("mailed_at").textValue()).isEqualTo("2024-03-01T08:00:00+09:00");
        assertThat(fields.get("took").textValue()).isEqualTo("PT1H30M");
    }

    @Test
    void reads_a_unit_event_written_as_a_bare_string_or_an_empty_object() {
        Event fromString = serializer.deserializeEvent("AccountClosed", "1.0", "\"AccountClosed\"");
        Event fromObject = serializer.deserializeEvent("AccountClosed", "1.0", "{\"AccountClosed\":{}}");

        assertThat(fromString).isEqualTo(new AccountClosed());
        assertThat(fromObject).isEqualTo(new AccountClosed());
    }

    @Test
    void ignores_unknown_fields_as_serde_does() {
        Event event = serializer.deserializeEvent("AccountOpened", "1.0",
                "{\"AccountOpened\":{\"account_id\":\"A\",\"branch\":\"gone\"}}");

        assertThat(event).isEqualTo(new AccountOpened("A"));
    }

    @Test
    void refuses_a_payload_with_a_missing_field() {
        assertThatThrownBy(() -> serializer.deserializeEvent("CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"amount\":1.0}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid CustomerDepositedMoney: field 'balance' is missing"
                        + " (an upcaster can add it to events of an older shape)");
    }

    @Test
    void names_the_unknown_tag_and_the_known_ones() {
        assertThatThrownBy(() -> serializer.deserializeEvent("AccountFrozen", "1.0", "{\"AccountFrozen\":{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'AccountFrozen'")
                .hasMessageContaining("[AccountClosed, AccountOpened, CheckBounced, CustomerDepositedMoney,"
                        + " CustomerWithdrewCash, CustomerWroteCheck, StatementIssued]");
    }

    @Test
    void refuses_payloads_that_are_not_an_object_with_one_key() {
        for (String payload : List.of("[1,2]", "42", "null", "{}", "",
                "{\"AccountOpened\":{\"account_id\":\"A\"},\"AccountClosed\":{}}")) {
            assertThatThrownBy(() -> serializer.deserializeEvent("AccountOpened", "1.0", payload))
                    .as(payload)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("payload must be a JSON object with exactly one key");
        }
    }

    @Test
    void refuses_malformed_json_with_the_parser_reason() {
        assertThatThrownBy(() -> serializer.deserializeEvent("AccountOpened", "1.0", "{AccountOpened:{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON: Unexpected character");
        assertThatThrownBy(() -> serializer.deserializeEvent("AccountOpened", "1.0", "{\"AccountOpened\":{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid AccountOpened: Unexpected end-of-input");
    }

    @Test
    void round_trips_metadata_as_a_json_object_of_strings() throws Exception {
        var metadata = io.cqrs4j.Metadata.empty()
                .with("time", "2024-03-01T12:00:00Z")
                .with("User-Agent", "curl/8.5 \"quoted\" \\ 😀")
                .with("uri", "/account/ACCT-1");

        String json = serializer.serializeMetadata(metadata);

        assertThat(PLAIN.readTree(json)).isEqualTo(PLAIN.readTree("{\"time\":\"2024-03-01T12:00:00Z\","
                + "\"User-Agent\":\"curl/8.5 \\\"quoted\\\" \\\\ 😀\",\"uri\":\"/account/ACCT-1\"}"));
        assertThat(serializer.deserializeMetadata(json)).isEqualTo(metadata);
        assertThat(serializer.deserializeMetadata(json).values().keySet()).containsExactly("time", "User-Agent", "uri");
    }

    @Test
    void refuses_metadata_that_is_not_an_object_of_strings() {
        assertThatThrownBy(() -> serializer.deserializeMetadata("[\"a\"]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata is an array, not a JSON object of strings");
        assertThatThrownBy(() -> serializer.deserializeMetadata("{\"retries\":3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata key 'retries' holds the number 3, not a string");
        assertThatThrownBy(() -> serializer.deserializeMetadata("{\"time\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata is not valid JSON");
    }

    @Test
    void round_trips_the_aggregate_for_snapshots() throws Exception {
        var account = new BankAccount("ACCT-1", new BigDecimal("343.72"), List.of("1170", "1171"));

        String json = serializer.serializeAggregate(account);

        assertThat(PLAIN.readTree(json)).isEqualTo(PLAIN.readTree(
                "{\"account_id\":\"ACCT-1\",\"balance\":343.72,\"written_checks\":[\"1170\",\"1171\"]}"));
        assertThat(serializer.deserializeAggregate(json)).isEqualTo(account);
        assertThat(serializer.initialState()).isEqualTo(BankAccount.initial());
    }

    @Test
    void refuses_a_snapshot_of_another_shape() {
        assertThatThrownBy(() -> serializer.deserializeAggregate("{\"id\":\"ACCT-1\",\"money\":3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot is not a valid " + BankAccount.class.getName());
        assertThatThrownBy(() -> serializer.deserializeAggregate("null"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot is null");
    }

    @Test
    void uses_the_field_names_of_a_custom_mapper() {
        ObjectMapper camel = JacksonEventSerializer.defaultObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);
        var custom = JacksonEventSerializer.of(BankAccount::initial, camel);

        String json = custom.serializeEvent(new AccountOpened("A"));

        assertThat(json).isEqualTo("{\"AccountOpened\":{\"accountId\":\"A\"}}");
        assertThat(custom.deserializeEvent("AccountOpened", "1.0", json)).isEqualTo(new AccountOpened("A"));
    }

    @Test
    void metadata_is_written_as_the_flat_json_object_a_map_serializer_writes_escapes_included() throws Exception {
        var values = new java.util.LinkedHashMap<String, String>();
        values.put("correlation_id", "c-1");
        values.put("quote\"and\\slash", "line\nbreak \u0000 \u202e emoji \ud83d\ude00");
        values.put("", "");
        io.cqrs4j.Metadata metadata = io.cqrs4j.Metadata.of(values);

        String json = serializer.serializeMetadata(metadata);

        assertThat(json).isEqualTo(PLAIN.writeValueAsString(values));
        assertThat(serializer.deserializeMetadata(json).values()).containsExactlyEntriesOf(values);
    }
}
