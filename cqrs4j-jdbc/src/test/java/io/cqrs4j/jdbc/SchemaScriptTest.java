// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaScriptTest {

    @Test
    void splits_statements_at_line_ending_semicolons_and_fills_in_table_names() {
        String script = """
                -- the events
                CREATE TABLE IF NOT EXISTS ${events} (
                  id text NOT NULL
                );

                CREATE TABLE IF NOT EXISTS ${snapshots} (id text);
                """;

        var statements = SchemaScript.statements(script, Map.of("events", "bank.events", "snapshots", "snaps"));

        assertThat(statements).containsExactly(
                "CREATE TABLE IF NOT EXISTS bank.events (\n  id text NOT NULL\n)",
                "CREATE TABLE IF NOT EXISTS snaps (id text)");
    }

    @Test
    void keeps_a_dollar_quoted_body_with_its_semicolons_in_one_statement() {
        String script = """
                DO $$
                BEGIN
                    PERFORM 1;

                    -- a comment inside the body stays
                END
                $$;
                CREATE INDEX IF NOT EXISTS ${eventsname}_log_order ON ${events} (tx_id);
                """;

        var statements = SchemaScript.statements(script, Map.of("events", "bank.events", "eventsname", "events"));

        assertThat(statements).containsExactly(
                "DO $$\nBEGIN\n    PERFORM 1;\n\n    -- a comment inside the body stays\nEND\n$$",
                "CREATE INDEX IF NOT EXISTS events_log_order ON bank.events (tx_id)");
    }

    @Test
    void keeps_a_last_statement_without_a_semicolon() {
        var statements = SchemaScript.statements("CREATE TABLE ${view} (id text)", Map.of("view", "v"));

        assertThat(statements).containsExactly("CREATE TABLE v (id text)");
    }

    @Test
    void refuses_a_placeholder_it_was_not_given() {
        assertThatThrownBy(() -> SchemaScript.statements("CREATE TABLE ${other} (id text);", Map.of("view", "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("${other}");
    }
}
