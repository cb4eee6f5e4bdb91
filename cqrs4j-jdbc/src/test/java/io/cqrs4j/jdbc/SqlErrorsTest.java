// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.UnexpectedException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    private final SqlErrors errors = new SqlErrors(new TestDialect("Test DB"));

    @Test
    void a_duplicate_key_behind_a_batch_exception_is_a_conflict() {
        var batch = new BatchUpdateException("Batch entry 0 was aborted", "", 0, new int[0], null);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));

        var error = errors.translate(batch, "committing account A-1",
                cause -> new AggregateConflictException("account", "A-1", 3, -1, cause));

        assertThat(error).isInstanceOf(AggregateConflictException.class).hasMessageContaining("account A-1");
    }

    @Test
    void sql_state_class_08_is_a_connection_failure() {
        var error = errors.translate(new SQLException("Connection refused", "08001"), "reading account A-1");

        assertThat(error).isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining("Test DB")
                .hasMessageContaining("reading account A-1")
                .hasMessageContaining("08001");
    }

    @Test
    void a_pool_timeout_is_a_connection_failure() {
        var timeout = new SQLTransientConnectionException("pool - Connection is not available, request timed out");

        assertThat(errors.classify(timeout)).isEqualTo(SqlErrors.Kind.CONNECTION);
    }

    @Test
    void a_connection_failure_found_among_causes_wins_over_anything_else() {
        var outer = new SQLException("statement failed", "XX000", new SQLException("I/O error", "08006"));

        assertThat(errors.classify(outer)).isEqualTo(SqlErrors.Kind.CONNECTION);
    }

    @Test
    void a_serialization_failure_is_a_conflict() {
        assertThat(errors.classify(new SQLException("could not serialize access", "40001")))
                .isEqualTo(SqlErrors.Kind.CONFLICT);
    }

    @Test
    void a_duplicate_key_on_a_read_path_without_a_conflict_is_unexpected() {
        var error = errors.translate(new SQLException("duplicate", "23505"), "reading account A-1");

        assertThat(error).isInstanceOf(UnexpectedException.class).hasMessageContaining("reading account A-1");
    }

    @Test
    void anything_else_is_unexpected_and_says_what_to_check() {
        var error = errors.translate(new SQLException("relation \"events\" does not exist", "42P01"), "reading account A-1");

        assertThat(error).isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("42P01")
                .hasMessageContaining("check that the table exists");
    }

    @Test
    void a_driver_message_quoting_a_whole_batch_is_shortened() {
        var huge = new SQLException("Batch entry 0 INSERT ... VALUES ('" + "x".repeat(1 << 20) + "') was aborted", "22P02");

        var error = errors.translate(huge, "committing account A-1");

        assertThat(error.getMessage()).hasSizeLessThan(1_000).contains("22P02");
    }
}
