// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.cqrs4j.DatabaseConnectionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a database file as a HikariCP pool: the file switched to WAL once (the mode is stored in
 * the file), every connection with the busy timeout. Kept connections also keep SQLite from
 * checkpointing and deleting the WAL file each time the last connection would close.
 *
 * <p>Transactions stay in sqlite-jdbc's default, deferred mode. Every write transaction of
 * cqrs4j-jdbc starts with its write, which takes the write lock at once and waits through the busy
 * timeout, as {@code BEGIN IMMEDIATE} would; sqlite-jdbc's immediate mode, by contrast, begins the
 * next transaction inside {@code commit()}, so a busy timeout there would report a failure for a
 * commit that happened.
 */
final class SqlitePool {

    static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(SqlitePool.class);
    private static final int POOL_SIZE = 10;

    private SqlitePool() {
    }

    static HikariDataSource open(Path file, int busyTimeoutMillis) {
        Path absolute = file.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        if (directory != null && !Files.isDirectory(directory)) {
            throw new DatabaseConnectionException("SQLite: cannot open " + absolute + " because its directory does"
                    + " not exist; create " + directory + " first", null);
        }
        var config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMillis);
        var sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + absolute);
        useWal(sqlite, absolute);

        var pool = new HikariConfig();
        pool.setPoolName("cqrs4j-sqlite");
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(POOL_SIZE);
        try {
            return new HikariDataSource(pool);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DatabaseConnectionException("SQLite: cannot open " + absolute + " (" + cause.getMessage()
                    + "); check that the file is an SQLite database the process may read and write", e);
        }
    }

    private static void useWal(SQLiteDataSource sqlite, Path file) {
        try (Connection connection = sqlite.getConnection();
             Statement statement = connection.createStatement();
             ResultSet mode = statement.executeQuery("PRAGMA journal_mode = WAL")) {
            String journal = mode.next() ? mode.getString(1) : "unknown";
            if (!"wal".equals(journal.toLowerCase(Locale.ROOT))) {
                LOG.warn("SQLite: {} stays in journal mode {} because WAL is not available there (a network or"
                        + " read-only file system?); readers and the writer will wait for each other", file, journal);
            }
        } catch (SQLException e) {
            throw new DatabaseConnectionException("SQLite: cannot open " + file + " (" + e.getMessage() + "); check"
                    + " that the file is an SQLite database the process may read and write, and that no other"
                    + " process holds it locked", e);
        }
    }
}
