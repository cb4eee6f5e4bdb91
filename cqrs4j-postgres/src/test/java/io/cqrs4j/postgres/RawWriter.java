// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A writer as the Rust crate writes (plain SQL, its own transaction), which a test can hold open
 * on purpose after inserting, then commit or roll back.
 */
final class RawWriter implements AutoCloseable {

    private static final String INSERT = "INSERT INTO %s (aggregate_type, aggregate_id, sequence, event_type,"
            + " event_version, payload, metadata) VALUES ('account', ?, ?, 'CustomerDepositedMoney', '1.0',"
            + " CAST(? AS json), '{}') RETURNING global_position";

    private final Connection connection;
    private final String insert;

    RawWriter(DataSource dataSource, String events) {
        try {
            this.connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.insert = INSERT.formatted(events);
    }

    /** A deposit of 1 with balance {@code sequence}, as serde writes it; returns its global position. */
    long insert(String aggregateId, long sequence) {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, aggregateId);
            statement.setLong(2, sequence);
            statement.setString(3, "{\"CustomerDepositedMoney\":{\"amount\":1.0,\"balance\":" + sequence + ".0}}");
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This transaction's id, as the log's positions and the held-back reason show it. */
    long transactionId() {
        return Long.parseLong(single("SELECT CAST(pg_current_xact_id() AS text)"));
    }

    int pid() {
        return Integer.parseInt(single("SELECT CAST(pg_backend_pid() AS text)"));
    }

    private String single(String sql) {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void commit() {
        try {
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
