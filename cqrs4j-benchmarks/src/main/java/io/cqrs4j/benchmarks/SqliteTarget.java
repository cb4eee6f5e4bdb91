// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.sqlite.SqliteCqrs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * SQLite through cqrs4j-sqlite: {@link SqliteCqrs#pool}'s pool (WAL mode, busy timeout) on the
 * file {@code CQRS4J_BENCH_SQLITE_FILE} (default {@code target/bench.sqlite}), resized to the
 * benchmark's size. One writer at a time: the raw baseline begins its transactions IMMEDIATE, so
 * its read-then-write never finds its snapshot stale.
 */
final class SqliteTarget implements SqlTarget {

    private static final int CONSTRAINT = 19;
    private static final int BUSY = 5;

    private final HikariDataSource pool;

    private SqliteTarget(HikariDataSource pool) {
        this.pool = pool;
    }

    static SqliteTarget connect(int poolSize) {
        Path file = Path.of(SqlTarget.env("CQRS4J_BENCH_SQLITE_FILE", "target/bench.sqlite"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        HikariDataSource pool = SqliteCqrs.pool(file);
        pool.setMaximumPoolSize(poolSize);
        return new SqliteTarget(pool);
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public PersistedEventRepository repository(EventTables tables) {
        return SqliteCqrs.eventRepository(pool, tables);
    }

    @Override
    public void freshTables(EventTables tables) {
        Jdbc.execute(pool, "DROP TABLE IF EXISTS " + tables.events(), "DROP TABLE IF EXISTS " + tables.snapshots());
        SqliteCqrs.createSchema(pool, tables);
    }

    @Override
    public void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        statement.setString(index, json);
    }

    @Override
    public boolean isConflict(SQLException error) {
        int primary = error.getErrorCode() & 0xff;
        return primary == CONSTRAINT || primary == BUSY;
    }

    @Override
    public boolean rawBeginsImmediate() {
        return true;
    }

    @Override
    public void analyze(EventTables tables) {
        Jdbc.execute(pool, "ANALYZE " + tables.events(), "ANALYZE " + tables.snapshots());
    }

    @Override
    public String describe() {
        return "SQLite " + Jdbc.firstRow(pool, "SELECT sqlite_version()") + "; journal_mode "
                + Jdbc.firstRow(pool, "PRAGMA journal_mode") + ", synchronous "
                + Jdbc.firstRow(pool, "PRAGMA synchronous") + "; pool " + pool.getMaximumPoolSize() + " connections";
    }

    @Override
    public void close() {
        pool.close();
    }
}
