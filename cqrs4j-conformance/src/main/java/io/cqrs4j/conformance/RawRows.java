// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes stored rows exactly as given, past the serializer (and, for SQL, past the repository):
 * how {@link StoredDataContract} puts bad data into a store, as a bug, a hand-edit or another
 * writer would.
 */
@FunctionalInterface
public interface RawRows {

    /**
     * Stores the events of one new aggregate and, if not null, a snapshot of it, column for column.
     *
     * @param events the rows, contiguous from sequence 1
     * @param snapshot the snapshot row, or null
     */
    void insert(List<SerializedEvent> events, SerializedSnapshot snapshot);

    /**
     * For a store with no storage of its own to reach (the in-memory one): the repository's own
     * append, which takes the serialized strings as they are.
     *
     * @param repository the repository
     * @return the writer
     */
    static RawRows through(PersistedEventRepository repository) {
        return (events, snapshot) -> repository.persist(events, snapshot);
    }

    /**
     * Plain {@code INSERT}s with bound values into the postgres-es / mysql-es columns, in one transaction.
     *
     * @param dataSource the database
     * @param events the events table, as the repository was configured
     * @param snapshots the snapshots table
     * @param jsonParameter how a JSON value is bound: {@code ?}, or {@code CAST(? AS json)} for PostgreSQL
     * @return the writer
     */
    static RawRows sql(DataSource dataSource, String events, String snapshots, String jsonParameter) {
        String insertEvent = insertEvent(events, jsonParameter);
        String insertSnapshot = "INSERT INTO " + snapshots + " (aggregate_type, aggregate_id, last_sequence,"
                + " current_snapshot, payload) VALUES (?, ?, ?, ?, " + jsonParameter + ")";
        return (rows, snapshot) -> {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    insertEvents(connection, insertEvent, rows);
                    if (snapshot != null) {
                        try (PreparedStatement statement = connection.prepareStatement(insertSnapshot)) {
                            statement.setString(1, snapshot.aggregateType());
                            statement.setString(2, snapshot.aggregateId());
                            statement.setLong(3, snapshot.lastSequence());
                            statement.setLong(4, snapshot.snapshotVersion());
                            statement.setString(5, snapshot.payload());
                            statement.executeUpdate();
                        }
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("raw insert failed: " + e.getMessage(), e);
            }
        };
    }

    /**
     * Inserts events as {@link #sql} does, on a connection of its own, running {@code before} first
     * in the transaction and holding the transaction open {@code holdMillis} before it commits: the
     * slow writer of {@link EventLogContract#appendHeldOpen}.
     *
     * @param dataSource the database
     * @param events the events table
     * @param jsonParameter how a JSON value is bound, as in {@link #sql}
     * @param rows the events
     * @param holdMillis how long to hold the transaction open after inserting
     * @param before what the backend's appends do first in their transaction (a sequencer's lock), or nothing
     * @throws SQLException as the driver reports it
     * @throws InterruptedException when interrupted while holding
     */
    static void insertHeldOpen(DataSource dataSource, String events, String jsonParameter, List<SerializedEvent> rows,
                               long holdMillis, SqlStep before) throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            before.run(connection);
            insertEvents(connection, insertEvent(events, jsonParameter), rows);
            Thread.sleep(holdMillis);
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** A step in a transaction. */
    @FunctionalInterface
    interface SqlStep {
        /**
         * Runs the step.
         *
         * @param connection the transaction's connection
         * @throws SQLException as the driver reports it
         */
        void run(Connection connection) throws SQLException;
    }

    private static String insertEvent(String events, String jsonParameter) {
        return "INSERT INTO " + events + " (aggregate_type, aggregate_id, sequence, event_type,"
                + " event_version, payload, metadata) VALUES (?, ?, ?, ?, ?, " + jsonParameter + ", " + jsonParameter + ")";
    }

    private static void insertEvents(Connection connection, String insertEvent, List<SerializedEvent> rows)
            throws SQLException {
        for (SerializedEvent row : rows) {
            try (PreparedStatement statement = connection.prepareStatement(insertEvent)) {
                statement.setString(1, row.aggregateType());
                statement.setString(2, row.aggregateId());
                statement.setLong(3, row.sequence());
                statement.setString(4, row.eventType());
                statement.setString(5, row.eventVersion());
                statement.setString(6, row.payload());
                statement.setString(7, row.metadata());
                statement.executeUpdate();
            }
        }
    }
}
