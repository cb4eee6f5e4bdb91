// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A SQL database the benchmarks run against, through its cqrs4j backend module for the framework
 * and through plain JDBC for the baseline, both on one pool: PostgreSQL, MySQL/MariaDB or SQLite.
 */
sealed interface SqlTarget extends AutoCloseable permits PostgresTarget, MysqlTarget, SqliteTarget {

    /**
     * Connects to the store named by {@code --store}.
     *
     * @param store postgres, mysql or sqlite
     * @param poolSize the pool's size
     * @return the target
     */
    static SqlTarget connect(String store, int poolSize) {
        return switch (store) {
            case "postgres" -> PostgresTarget.connect(poolSize);
            case "mysql" -> MysqlTarget.connect(poolSize);
            case "sqlite" -> SqliteTarget.connect(poolSize);
            default -> throw new IllegalArgumentException("no SQL store is called '" + store
                    + "'; use postgres, mysql or sqlite");
        };
    }

    /** The environment variable {@code name}, or {@code fallback} when it is unset or blank. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

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
     * Whether {@code error} is a conflict: a duplicate key, or the database refusing a
     * transaction because a concurrent one won (SQLite's busy snapshot).
     *
     * @param error the error
     * @return true for a conflict
     */
    boolean isConflict(SQLException error);

    /**
     * Whether the raw baseline must take the write lock when its transaction begins
     * ({@code BEGIN IMMEDIATE}): SQLite, where a read-then-write transaction otherwise fails with
     * SQLITE_BUSY_SNAPSHOT whenever another writer committed in between, as hand-written SQLite
     * code avoids.
     *
     * @return true for SQLite
     */
    default boolean rawBeginsImmediate() {
        return false;
    }

    /**
     * Refreshes the planner's statistics of {@code tables} after seeding.
     *
     * @param tables the tables
     */
    void analyze(EventTables tables);

    /**
     * The server's version and the settings that matter for these figures.
     *
     * @return one line
     */
    String describe();

    @Override
    void close();
}
