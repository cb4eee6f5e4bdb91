// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL the tests run against ({@code CQRS4J_PG_URL}, {@code CQRS4J_PG_USER},
 * {@code CQRS4J_PG_PASSWORD}; defaults: 127.0.0.1:5432/test as postgres), with a schema of its own
 * per test class, dropped on close, so runs never collide. Unreachable: the test fails.
 */
final class TestDatabase implements AutoCloseable {

    static final String URL = env("CQRS4J_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("CQRS4J_PG_USER", "postgres");
    static final String PASSWORD = System.getenv("CQRS4J_PG_PASSWORD");

    private final HikariDataSource pool;
    private final String schema;

    private TestDatabase(HikariDataSource pool, String schema) {
        this.pool = pool;
        this.schema = schema;
    }

    /** A pool and a fresh schema named after {@code owner}. */
    static TestDatabase forClass(Class<?> owner) {
        HikariDataSource pool = PostgresCqrs.pool(URL, USER, PASSWORD);
        String schema = "cqrs4j_" + owner.getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        var database = new TestDatabase(pool, schema);
        database.execute("CREATE SCHEMA " + schema);
        return database;
    }

    /** A pool, a fresh schema, and the events and snapshots tables in it. */
    static TestDatabase withEventTables(Class<?> owner) {
        TestDatabase database = forClass(owner);
        PostgresCqrs.createSchema(database.pool, database.tables(""));
        return database;
    }

    /** The repository of the tables {@link #withEventTables} created. */
    PersistedEventRepository eventRepository() {
        return PostgresCqrs.eventRepository(pool, tables(""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    String schema() {
        return schema;
    }

    /** Events and snapshots tables in this class's schema, named {@code prefix + events} and so on. */
    EventTables tables(String prefix) {
        return EventTables.withPrefix(schema + "." + prefix);
    }

    /** A table name in this class's schema. */
    String table(String name) {
        return schema + "." + name;
    }

    void execute(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                var result = new ArrayList<Map<String, Object>>();
                while (rows.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long count(String sql, Object... parameters) {
        return ((Number) query(sql, parameters).getFirst().values().iterator().next()).longValue();
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    @Override
    public void close() {
        try {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            pool.close();
        }
    }
}
