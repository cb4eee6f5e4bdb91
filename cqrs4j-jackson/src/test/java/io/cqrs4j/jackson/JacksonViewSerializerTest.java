// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cqrs4j.DeserializationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonViewSerializerTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    @Test
    void round_trips_a_record_view_in_the_shape_of_the_demo_view() throws Exception {
        var serializer = JacksonViewSerializer.of(AccountView.class);
        var view = new AccountView("ACCT-1234", new BigDecimal("343.72"), List.of("1170"),
                List.of(new LedgerEntry("deposit", new BigDecimal("1000.0")),
                        new LedgerEntry("1170", new BigDecimal("256.28"))));

        String json = serializer.serialize(view);

        assertThat(PLAIN.readTree(json)).isEqualTo(PLAIN.readTree("{\"account_id\":\"ACCT-1234\",\"balance\":343.72,"
                + "\"written_checks\":[\"1170\"],\"ledger\":[{\"description\":\"deposit\",\"amount\":1000.0},"
                + "{\"description\":\"1170\",\"amount\":256.28}]}"));
        assertThat(serializer.deserialize(json)).isEqualTo(view);
    }

    @Test
    void round_trips_a_bean_style_view_class() {
        var serializer = JacksonViewSerializer.of(CounterView.class);
        var view = new CounterView();
        view.setEventCount(3);
        view.setLastEventType("Pinged");

        CounterView read = serializer.deserialize(serializer.serialize(view));

        assertThat(serializer.serialize(view)).isEqualTo("{\"event_count\":3,\"last_event_type\":\"Pinged\"}");
        assertThat(read.getEventCount()).isEqualTo(3);
        assertThat(read.getLastEventType()).isEqualTo("Pinged");
    }

    @Test
    void reports_a_stored_view_of_another_shape_as_a_deserialization_error() {
        var serializer = JacksonViewSerializer.of(AccountView.class);

        assertThatThrownBy(() -> serializer.deserialize("[1]"))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("stored view is not a valid " + AccountView.class.getName());
    }

    public record LedgerEntry(String description, BigDecimal amount) {
    }

    public record AccountView(String accountId, BigDecimal balance, List<String> writtenChecks,
                              List<LedgerEntry> ledger) {
    }

    public static final class CounterView {
        private long eventCount;
        private String lastEventType;
        private final List<String> ignored = new ArrayList<>();

        public long getEventCount() {
            return eventCount;
        }

        public void setEventCount(long eventCount) {
            this.eventCount = eventCount;
        }

        public String getLastEventType() {
            return lastEventType;
        }

        public void setLastEventType(String lastEventType) {
            this.lastEventType = lastEventType;
        }

        List<String> ignored() {
            return ignored;
        }
    }
}
