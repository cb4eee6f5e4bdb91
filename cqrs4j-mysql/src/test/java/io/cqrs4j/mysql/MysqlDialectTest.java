// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MysqlDialectTest {

    private final MysqlDialect dialect = MysqlDialect.MYSQL_OR_MARIADB;

    @Test
    void only_a_duplicate_entry_is_a_duplicate_key_of_all_the_integrity_errors() {
        var duplicate = new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062);
        var check = new SQLIntegrityConstraintViolationException("CONSTRAINT failed", "23000", 4025);
        var notNull = new SQLIntegrityConstraintViolationException("cannot be null", "23000", 1048);
        var foreignKey = new SQLIntegrityConstraintViolationException("foreign key", "23000", 1452);

        assertThat(dialect.isDuplicateKey(duplicate)).isTrue();
        assertThat(dialect.isDuplicateKey(check)).isFalse();
        assertThat(dialect.isDuplicateKey(notNull)).isFalse();
        assertThat(dialect.isDuplicateKey(foreignKey)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1040, 1053, 1152, 1927, 2002, 2003, 2006, 2013, 4031})
    void a_lost_or_refused_connection_is_a_connection_failure(int code) {
        var error = new SQLException("connection", "HY000", code);

        assertThat(dialect.isConnectionFailure(error)).isTrue();
        assertThat(dialect.isTransactionConflict(error)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1020, 1205, 1213})
    void a_deadlock_a_lock_wait_timeout_or_a_changed_record_is_a_transaction_conflict(int code) {
        var error = new SQLException("conflict", "HY000", code);

        assertThat(dialect.isTransactionConflict(error)).isTrue();
        assertThat(dialect.isConnectionFailure(error)).isFalse();
    }

    @Test
    void the_schema_uses_each_servers_exact_collation() {
        assertThat(MysqlDialect.forServer("10.11.19-MariaDB-0+deb12u1").eventTablesScript())
                .contains("COLLATE utf8mb4_nopad_bin").doesNotContain("@ID_COLLATION@");
        assertThat(MysqlDialect.forServer("8.0.39").eventTablesScript()).contains("COLLATE utf8mb4_0900_bin");
        assertThat(MysqlDialect.forServer("8.4.2").viewTableScript()).contains("COLLATE utf8mb4_0900_bin");
    }
}
