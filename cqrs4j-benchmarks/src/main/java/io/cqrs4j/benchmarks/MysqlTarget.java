// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.mysql.MysqlCqrs;
import io.cqrs4j.persist.PersistedEventRepository;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * MySQL or MariaDB through cqrs4j-mysql: {@link MysqlCqrs#pool}'s pool resized to the benchmark's
 * size. Settings from {@code CQRS4J_BENCH_MYSQL_URL} (default
 * {@code jdbc:mariadb://127.0.0.1:3306/test}), {@code CQRS4J_BENCH_MYSQL_USER} (default
 * {@code root}) and {@code CQRS4J_BENCH_MYSQL_PASSWORD} (default none).
 */
final class MysqlTarget implements SqlTarget {

    private static final int DUPLICATE_ENTRY = 1062;
    private static final int DEADLOCK = 1213;

    private final HikariDataSource pool;

    private MysqlTarget(HikariDataSource pool) {
        this.pool = pool;
    }

    static MysqlTarget connect(int poolSize) {
        String password = System.getenv("CQRS4J_BENCH_MYSQL_PASSWORD");
        HikariDataSource pool = MysqlCqrs.pool(SqlTarget.env("CQRS4J_BENCH_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                SqlTarget.env("CQRS4J_BENCH_MYSQL_USER", "root"), password == null || password.isEmpty() ? null : password);
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(poolSize);
        return new MysqlTarget(pool);
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public PersistedEventRepository repository(EventTables tables) {
        return MysqlCqrs.eventRepository(pool, tables);
    }

    @Override
    public void freshTables(EventTables tables) {
        Jdbc.execute(pool, "DROP TABLE IF EXISTS " + tables.events() + ", " + tables.snapshots());
        MysqlCqrs.createSchema(pool, tables);
    }

    @Override
    public void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        statement.setString(index, json);
    }

    @Override
    public boolean isConflict(SQLException error) {
        return error.getErrorCode() == DUPLICATE_ENTRY || error.getErrorCode() == DEADLOCK;
    }

    @Override
    public void analyze(EventTables tables) {
        Jdbc.execute(pool, "ANALYZE TABLE " + tables.events() + ", " + tables.snapshots());
    }

    @Override
    public String describe() {
        return Jdbc.firstRow(pool, "SELECT CONCAT('MySQL/MariaDB ', VERSION(), '; innodb_flush_log_at_trx_commit ',"
                + " @@innodb_flush_log_at_trx_commit, ', innodb_buffer_pool_size ',"
                + " @@innodb_buffer_pool_size DIV 1048576, 'MB, sync_binlog ', @@sync_binlog)")
                + "; pool " + pool.getMaximumPoolSize() + " connections";
    }

    @Override
    public void close() {
        pool.close();
    }
}
