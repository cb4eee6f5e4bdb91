// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTablesTest {

    @Test
    void defaults_are_the_tables_postgres_es_uses() {
        EventTables tables = EventTables.defaults();

        assertThat(tables.events()).isEqualTo("events");
        assertThat(tables.snapshots()).isEqualTo("snapshots");
    }

    @ParameterizedTest
    @ValueSource(strings = {"events", "_events", "Events2", "bank.events", "bank_2.account_events"})
    void accepts_plain_identifiers_optionally_schema_qualified(String name) {
        EventTables tables = new EventTables(name, "snapshots");

        assertThat(tables.events()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"events; drop table x", "", "2events", "ev-ents", "\"events\"", "a.b.c", "events ",
        "bank.", ".events", "événements", "events--"})
    void refuses_anything_that_is_not_a_plain_identifier(String name) {
        assertThatThrownBy(() -> new EventTables(name, "snapshots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events table name '" + name + "' is not a plain identifier");
    }

    @Test
    void refuses_a_name_longer_than_63_characters() {
        String name = "e".repeat(64);

        assertThatThrownBy(() -> new EventTables("events", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshots table name");
    }

    @Test
    void refuses_a_null_name() {
        assertThatThrownBy(() -> new EventTables(null, "snapshots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
    }

    @Test
    void a_prefix_names_both_tables() {
        EventTables tables = EventTables.withPrefix("bank.");

        assertThat(tables).isEqualTo(new EventTables("bank.events", "bank.snapshots"));
    }

    @Test
    void a_view_table_name_is_checked_by_the_same_rule() {
        assertThatThrownBy(() -> TableNames.check("view", "account_view; drop table events"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("view table name");
    }
}
