// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

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
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The MariaDB (or MySQL) the tests run against ({@code CQRS4J_MYSQL_URL}, {@code CQRS4J_MYSQL_USER},
 * {@code CQRS4J_MYSQL_PASSWORD}; defaults: 127.0.0.1:3306/test as root with an empty password).
 * Each instance names its tables with a prefix of its own and drops them on close, so runs never
 * collide. Unreachable: the test fails.
 */
final class TestMariaDb implements AutoCloseable {

    static final String URL = env("CQRS4J_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String USER = env("CQRS4J_MYSQL_USER", "root");
    static final String PASSWORD = env("CQRS4J_MYSQL_PASSWORD", "");

    private final HikariDataSource pool;
    private final String prefix;

    private TestMariaDb(HikariDataSource pool, String prefix) {
        this.pool = pool;
        this.prefix = prefix;
    }

    /** A pool and a fresh table prefix. */
    static TestMariaDb create() {
        String prefix = "c4j_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + "_";
        return new TestMariaDb(MysqlCqrs.pool(URL, USER, PASSWORD), prefix);
    }

    /** A pool, a fresh prefix, and the events and snapshots tables under it. */
    static TestMariaDb withEventTables() {
        TestMariaDb database = create();
        MysqlCqrs.createSchema(database.dataSource(), database.tables());
        return database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    /** This instance's events and snapshots tables. */
    EventTables tables() {
        return EventTables.withPrefix(prefix);
    }

    /** Events and snapshots tables of this instance for one purpose: {@code prefix + purpose + "events"}. */
    EventTables tables(String purpose) {
        return EventTables.withPrefix(prefix + purpose);
    }

    /** A table name of this instance. */
    String table(String name) {
        return prefix + name;
    }

    PersistedEventRepository eventRepository() {
        return MysqlCqrs.eventRepository(pool, tables());
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
            for (Map<String, Object> table : query("SELECT table_name AS name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND LEFT(table_name, ?) = ?", prefix.length(), prefix)) {
                execute("DROP TABLE IF EXISTS " + table.get("name"));
            }
        } finally {
            pool.close();
        }
    }
}
