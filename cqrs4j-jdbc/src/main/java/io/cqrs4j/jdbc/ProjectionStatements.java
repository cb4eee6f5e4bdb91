// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

/** The statements of {@link JdbcProjectionStore}, in portable SQL but for the dialect's clock and lease claim. */
final class ProjectionStatements {

    final String claimLease;
    final String selectLease;
    final String releaseLease;
    final String fenceCheckpoint;
    final String insertCheckpoint;
    final String selectCheckpoint;
    final String selectToken;
    final String saveCheckpoint;
    final String resetCheckpoint;
    final String deleteAllParked;
    final String updateParked;
    final String insertParked;
    final String selectParked;
    final String deleteParked;

    ProjectionStatements(SqlDialect dialect, ProjectionTables tables) {
        String clock = dialect.databaseClockMillis();
        String checkpoints = tables.checkpoints();
        String leases = tables.leases();
        String parked = tables.parked();
        claimLease = dialect.claimLease(leases, checkpoints);
        selectLease = "SELECT owner, token, expires_at_ms FROM " + leases + " WHERE projection = ?";
        // expired at once: any instance may claim it, with a new token
        releaseLease = "UPDATE " + leases + " SET expires_at_ms = 0 WHERE projection = ? AND owner = ? AND token = ?";
        fenceCheckpoint = "UPDATE " + checkpoints + " SET token = ?, updated_at_ms = " + clock
                + " WHERE projection = ? AND token < ?";
        insertCheckpoint = "INSERT INTO " + checkpoints + " (projection, log_transaction, log_position, token, updated_at_ms)"
                + " VALUES (?, 0, 0, ?, " + clock + ")";
        selectCheckpoint = "SELECT log_transaction, log_position FROM " + checkpoints + " WHERE projection = ?";
        selectToken = "SELECT token FROM " + checkpoints + " WHERE projection = ?";
        saveCheckpoint = "UPDATE " + checkpoints + " SET log_transaction = ?, log_position = ?, updated_at_ms = " + clock
                + " WHERE projection = ? AND token = ?";
        // the lease holder resets (the runner requires it), so the token stays
        resetCheckpoint = "UPDATE " + checkpoints + " SET log_transaction = 0, log_position = 0, updated_at_ms = " + clock
                + " WHERE projection = ?";
        deleteAllParked = "DELETE FROM " + parked + " WHERE projection = ?";
        updateParked = "UPDATE " + parked + " SET error = ?, attempts = ?, parked_at_ms = " + clock
                + " WHERE projection = ? AND log_transaction = ? AND log_position = ?";
        insertParked = "INSERT INTO " + parked + " (projection, log_transaction, log_position, aggregate_type, aggregate_id,"
                + " sequence, event_type, event_version, payload, metadata, recorded_at_ms, error, attempts, parked_at_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + clock + ")";
        selectParked = "SELECT log_transaction, log_position, aggregate_type, aggregate_id, sequence, event_type,"
                + " event_version, payload, metadata, recorded_at_ms, error, attempts, parked_at_ms FROM " + parked
                + " WHERE projection = ? ORDER BY log_transaction, log_position";
        deleteParked = "DELETE FROM " + parked + " WHERE projection = ? AND log_transaction = ? AND log_position = ?";
    }
}
