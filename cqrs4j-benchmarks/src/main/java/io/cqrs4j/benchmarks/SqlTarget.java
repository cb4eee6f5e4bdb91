// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A SQL database the benchmarks run against, through its cqrs4j backend module for the framework
 * and through plain JDBC for the baseline, both on one pool. PostgreSQL today; SQLite and
 * MySQL/MariaDB plug in here once their modules ship a factory.
 */
sealed interface SqlTarget extends AutoCloseable permits PostgresTarget {

    /**
     * The store's name in tables and options: {@code postgres}.
     *
     * @return the name
     */
    String name();

    /**
     * The pool both the framework and the baseline use.
     *
     * @return the pool
     */
    HikariDataSource pool();

    /**
     * The framework's event repository on {@code tables}.
     *
     * @param tables the tables
     * @return the repository
     */
    PersistedEventRepository repository(EventTables tables);

    /**
     * Drops {@code tables} and creates them again with the backend module's schema.
     *
     * @param tables the tables
     */
    void freshTables(EventTables tables);

    /**
     * Binds JSON text as the backend module does.
     *
     * @param statement the statement
     * @param index the parameter
     * @param json the text
     * @throws SQLException as the driver reports it
     */
    void setJson(PreparedStatement statement, int index, String json) throws SQLException;

    /**
     * Whether {@code error} is a duplicate key.
     *
     * @param error the error
     * @return true for a duplicate key
     */
    boolean isDuplicateKey(SQLException error);

    /**
     * The server's version and the settings that matter for these figures.
     *
     * @return one line
     */
    String describe();

    @Override
    void close();
}
