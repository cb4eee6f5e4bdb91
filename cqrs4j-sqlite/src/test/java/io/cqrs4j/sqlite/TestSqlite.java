// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A database file in a temporary directory of its own, opened as {@link SqliteCqrs#pool}; deleted on close. */
final class TestSqlite implements AutoCloseable {

    private final Path directory;
    private final Path file;
    private final HikariDataSource pool;

    private TestSqlite(Path directory, Path file, HikariDataSource pool) {
        this.directory = directory;
        this.file = file;
        this.pool = pool;
    }

    /** A fresh, empty database file. */
    static TestSqlite create() {
        return create(SqlitePool.DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    /** A fresh database file whose pool gives up on a taken write lock after {@code busyTimeoutMillis}. */
    static TestSqlite create(int busyTimeoutMillis) {
        try {
            Path directory = Files.createTempDirectory("cqrs4j-sqlite-");
            Path file = directory.resolve("test.db");
            return new TestSqlite(directory, file, SqlitePool.open(file, busyTimeoutMillis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh database file with the events and snapshots tables. */
    static TestSqlite withEventTables() {
        TestSqlite database = create();
        SqliteCqrs.createSchema(database.dataSource());
        return database;
    }

    HikariDataSource dataSource() {
        return pool;
    }

    Path file() {
        return file;
    }

    /** A connection of its own, outside the pool, as another program would open the file. */
    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
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
        pool.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path each : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
