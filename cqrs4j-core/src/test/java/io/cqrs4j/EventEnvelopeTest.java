// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private static final BankAccountEvent OPENED = new AccountOpened("ACCT-1");

    @Test
    void an_envelope_without_a_global_position_has_position_0() {
        var envelope = new EventEnvelope<>("ACCT-1", 1, OPENED, Metadata.empty());

        assertThat(envelope.globalPosition()).isZero();
        assertThat(envelope).isEqualTo(new EventEnvelope<>("ACCT-1", 1, OPENED, Metadata.empty(), 0));
    }

    @Test
    void keeps_a_global_position() {
        var envelope = new EventEnvelope<>("ACCT-1", 3, OPENED, Metadata.empty(), 17);

        assertThat(envelope.sequence()).isEqualTo(3);
        assertThat(envelope.globalPosition()).isEqualTo(17);
    }

    @Test
    void rejects_a_sequence_below_1_naming_the_aggregate_and_the_value() {
        assertThatThrownBy(() -> new EventEnvelope<>("ACCT-1", 0, OPENED, Metadata.empty()))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate ACCT-1: sequence must be at least 1 but was 0");
    }

    @Test
    void rejects_a_negative_global_position() {
        assertThatThrownBy(() -> new EventEnvelope<>("ACCT-1", 1, OPENED, Metadata.empty(), -1))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aggregate ACCT-1: global position must not be negative but was -1");
    }

    @Test
    void rejects_missing_fields_naming_them() {
        assertThatThrownBy(() -> new EventEnvelope<>(null, 1, OPENED, Metadata.empty()))
                .isInstanceOf(NullPointerException.class).hasMessage("aggregateId");
        assertThatThrownBy(() -> new EventEnvelope<BankAccountEvent>("ACCT-1", 1, null, Metadata.empty()))
                .isInstanceOf(NullPointerException.class).hasMessage("payload");
        assertThatThrownBy(() -> new EventEnvelope<>("ACCT-1", 1, OPENED, null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata");
    }

    @Test
    void an_event_is_typed_by_its_record_name_at_version_1_0_by_default() {
        assertThat(OPENED.eventType()).isEqualTo("AccountOpened");
        assertThat(OPENED.eventVersion()).isEqualTo("1.0");
    }
}
