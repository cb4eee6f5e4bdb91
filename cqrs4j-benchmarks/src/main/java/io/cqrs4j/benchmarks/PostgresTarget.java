// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.postgres.PostgresCqrs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * PostgreSQL through cqrs4j-postgres: the pool is {@link PostgresCqrs#pool}'s (HikariCP with
 * batched-insert rewriting), resized to the benchmark's pool size. Connection settings come from
 * {@code CQRS4J_BENCH_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}),
 * {@code CQRS4J_BENCH_PG_USER} (default {@code postgres}) and {@code CQRS4J_BENCH_PG_PASSWORD}.
 */
final class PostgresTarget implements SqlTarget {

    private final HikariDataSource pool;

    private PostgresTarget(HikariDataSource pool) {
        this.pool = pool;
    }

    static PostgresTarget connect(int poolSize) {
        String url = SqlTarget.env("CQRS4J_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        HikariDataSource pool = PostgresCqrs.pool(url, SqlTarget.env("CQRS4J_BENCH_PG_USER", "postgres"),
                System.getenv("CQRS4J_BENCH_PG_PASSWORD"));
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(poolSize);
        return new PostgresTarget(pool);
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public PersistedEventRepository repository(EventTables tables) {
        return PostgresCqrs.eventRepository(pool, tables);
    }

    @Override
    public void freshTables(EventTables tables) {
        Jdbc.execute(pool, "DROP TABLE IF EXISTS " + tables.events() + ", " + tables.snapshots());
        PostgresCqrs.createSchema(pool, tables);
    }

    @Override
    public void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        statement.setObject(index, json, Types.OTHER);
    }

    @Override
    public boolean isConflict(SQLException error) {
        return "23505".equals(error.getSQLState());
    }

    @Override
    public void analyze(EventTables tables) {
        Jdbc.execute(pool, "ANALYZE " + tables.events() + ", " + tables.snapshots());
    }

    @Override
    public String describe() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version(), current_setting('shared_buffers'),"
                     + " current_setting('synchronous_commit'), current_setting('fsync'),"
                     + " current_setting('max_connections'), current_setting('wal_level')")) {
            rows.next();
            return rows.getString(1).replaceFirst(" on .*", "") + "; shared_buffers " + rows.getString(2)
                    + ", synchronous_commit " + rows.getString(3) + ", fsync " + rows.getString(4)
                    + ", max_connections " + rows.getString(5) + ", wal_level " + rows.getString(6)
                    + "; pool " + pool.getMaximumPoolSize() + " connections";
        } catch (SQLException e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
