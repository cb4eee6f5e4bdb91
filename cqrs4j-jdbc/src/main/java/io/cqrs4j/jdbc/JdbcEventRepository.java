// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.persist.SnapshotAndEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events and snapshots of every aggregate type in two tables, over JDBC.
 *
 * <p>A commit is one transaction: its events go in as one batch (one event: one INSERT), the snapshot's compare-and-set
 * runs in the same transaction and is checked before it commits, and anything unexpected rolls
 * all of it back. The events' primary key is the optimistic lock. Snapshots are updated in place
 * (one row per aggregate); reads take the row with the highest last sequence, so the extra rows a
 * postgres-es table may hold are ignored. Streams read keyset pages of {@value #PAGE_SIZE} events.
 *
 * <p>When the dialect has a {@link GlobalOrder} and the table has its {@code global_position}
 * column, events are read with their global position and every append runs the order's
 * {@link GlobalOrder#beforeAppend} in its transaction; a table without the column (the Rust
 * crates', not migrated) is read and written as before.
 */
final class JdbcEventRepository implements PersistedEventRepository {

    static final int PAGE_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventRepository.class);

    private final SqlDialect dialect;
    private final SqlRunner runner;
    private final SqlErrors errors;
    private final EventTables tables;
    private final String insertEvent;
    private final PositionColumn positionColumn;
    private final String selectEvents;
    private final String selectEventsPage;
    private final String selectAllEventsPage;
    private final String selectEventsWithPosition;
    private final String selectEventsPageWithPosition;
    private final String selectAllEventsPageWithPosition;
    private final String selectSnapshot;
    private final String selectSnapshotAndEvents;
    private final String selectSnapshotAndEventsWithPosition;
    private final String insertSnapshot;
    private final String updateSnapshot;

    JdbcEventRepository(DataSource dataSource, SqlDialect dialect, EventTables tables) {
        this.dialect = dialect;
        this.runner = new SqlRunner(dataSource, dialect);
        this.errors = runner.errors();
        this.tables = tables;
        this.insertEvent = dialect.insertEvent(tables.events());
        this.positionColumn = new PositionColumn(dataSource, dialect, tables.events());
        this.selectEvents = dialect.selectEvents(tables.events());
        this.selectEventsPage = dialect.selectEventsPage(tables.events());
        this.selectAllEventsPage = dialect.selectAllEventsPage(tables.events());
        this.selectEventsWithPosition = dialect.selectEventsWithPosition(tables.events());
        this.selectEventsPageWithPosition = dialect.selectEventsPageWithPosition(tables.events());
        this.selectAllEventsPageWithPosition = dialect.selectAllEventsPageWithPosition(tables.events());
        this.selectSnapshot = dialect.selectSnapshot(tables.snapshots());
        this.selectSnapshotAndEvents = dialect.selectSnapshotAndEvents(tables.snapshots(), tables.events());
        this.selectSnapshotAndEventsWithPosition = dialect.selectSnapshotAndEventsWithPosition(tables.snapshots(),
                tables.events());
        this.insertSnapshot = dialect.insertSnapshot(tables.snapshots());
        this.updateSnapshot = dialect.updateSnapshot(tables.snapshots());
    }

    @Override
    public List<SerializedEvent> getEvents(String aggregateType, String aggregateId) {
        return getLastEvents(aggregateType, aggregateId, 0);
    }

    @Override
    public List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence) {
        String doing = "reading the events of " + aggregateType + " " + aggregateId + " after sequence "
                + afterSequence + " from " + tables.events();
        boolean positioned = positionColumn.present();
        return query(doing, positioned ? selectEventsWithPosition : selectEvents, statement -> {
            statement.setString(1, aggregateType);
            statement.setString(2, aggregateId);
            statement.setLong(3, afterSequence);
        }, rows -> events(rows, positioned));
    }

    @Override
    public Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId) {
        String doing = "reading the snapshot of " + aggregateType + " " + aggregateId + " from " + tables.snapshots();
        return query(doing, selectSnapshot, statement -> {
            statement.setString(1, aggregateType);
            statement.setString(2, aggregateId);
        }, rows -> rows.next() ? Optional.of(snapshot(aggregateType, aggregateId, rows)) : Optional.empty());
    }

    /** One statement, so one round trip and one consistent read, where the default takes two (unless the dialect declines). */
    @Override
    public SnapshotAndEvents getSnapshotAndEvents(String aggregateType, String aggregateId) {
        if (!dialect.readsSnapshotAndEventsTogether()) {
            return PersistedEventRepository.super.getSnapshotAndEvents(aggregateType, aggregateId);
        }
        String doing = "reading the snapshot of " + aggregateType + " " + aggregateId + " from " + tables.snapshots()
                + " and the events after it from " + tables.events();
        boolean positioned = positionColumn.present();
        return query(doing, positioned ? selectSnapshotAndEventsWithPosition : selectSnapshotAndEvents, statement -> {
            for (int i = 0; i < 3; i++) {
                statement.setString(2 * i + 1, aggregateType);
                statement.setString(2 * i + 2, aggregateId);
            }
        }, rows -> snapshotAndEvents(aggregateType, aggregateId, rows, positioned));
    }

    private SnapshotAndEvents snapshotAndEvents(String type, String id, ResultSet rows, boolean positioned)
            throws SQLException {
        SerializedSnapshot snapshot = null;
        var events = new ArrayList<SerializedEvent>();
        while (rows.next()) {
            long sequence = rows.getLong(2);
            if (rows.getInt(1) == 0) {
                snapshot = snapshotRow(type, id, sequence, rows.getLong(3), () -> dialect.getJson(rows, 4));
                continue;
            }
            try {
                events.add(new SerializedEvent(type, id, sequence, rows.getString(5), rows.getString(6),
                        dialect.getJson(rows, 4), dialect.getJson(rows, 7), positioned ? rows.getLong(8) : 0));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw invalidEvent(type, id, sequence, e);
            }
        }
        return new SnapshotAndEvents(snapshot, events);
    }

    @Override
    public void persist(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        checkOneContiguousAggregate(events, snapshot);
        SerializedEvent first = events.getFirst();
        String doing = "committing " + first.aggregateType() + " " + first.aggregateId() + " sequences "
                + first.sequence() + ".." + events.getLast().sequence() + " to " + tables.events();
        boolean positioned = positionColumn.present(); // before taking a connection: the probe may take one
        boolean committing = false;
        try (Connection connection = runner.connect(doing)) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit && events.size() == 1 && snapshot == null && !(positioned && appendsLock())) {
                // One INSERT is atomic by itself: auto-commit saves the COMMIT round trip of the common case.
                committing = true;
                insertEvents(connection, events);
                return;
            }
            connection.setAutoCommit(false);
            try {
                if (positioned) {
                    dialect.globalOrder().orElseThrow().beforeAppend(connection, tables.events());
                }
                insertEvents(connection, events);
                if (snapshot != null && !writeSnapshot(connection, snapshot)) {
                    throw snapshotConflict(snapshot);
                }
                committing = true;
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, doing, e);
                throw e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        } catch (SQLException e) {
            CqrsException error = errors.translate(e, doing, cause -> new AggregateConflictException(
                    first.aggregateType(), first.aggregateId(), first.sequence() - 1, -1, cause));
            throw committing && error instanceof DatabaseConnectionException ? outcomeUnknown(e, doing) : error;
        }
    }

    /** The connection broke after the commit was sent: the database may have written it, or not. */
    private DatabaseConnectionException outcomeUnknown(SQLException error, String doing) {
        return new DatabaseConnectionException(errors.databaseName() + ": the connection failed while " + doing
                + " after the commit was sent (" + SqlErrors.describe(error) + "), so it may or may not have been"
                + " written; read the aggregate before sending the command again", error, true);
    }

    private boolean appendsLock() {
        return dialect.globalOrder().map(GlobalOrder::locksOnAppend).orElse(false);
    }

    private void insertEvents(Connection connection, List<SerializedEvent> events) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertEvent)) {
            if (events.size() == 1) {
                // the common case; a batch of one costs the driver's batch bookkeeping, and on a
                // conflict two BatchUpdateExceptions besides the driver's own error
                bindEvent(statement, events.getFirst());
                statement.executeUpdate();
                return;
            }
            for (SerializedEvent event : events) {
                bindEvent(statement, event);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private void bindEvent(PreparedStatement statement, SerializedEvent event) throws SQLException {
        statement.setString(1, event.aggregateType());
        statement.setString(2, event.aggregateId());
        statement.setLong(3, event.sequence());
        statement.setString(4, event.eventType());
        statement.setString(5, event.eventVersion());
        dialect.setJson(statement, 6, event.payload());
        dialect.setJson(statement, 7, event.metadata());
    }

    /** The snapshot's compare-and-set; false when the stored snapshot is not the expected one. */
    private boolean writeSnapshot(Connection connection, SerializedSnapshot snapshot) throws SQLException {
        if (snapshot.snapshotVersion() == 1) {
            // postgres-es keys snapshots by (type, id, last_sequence): an insert alone would not see a stored one
            try (PreparedStatement select = connection.prepareStatement(selectSnapshot)) {
                select.setString(1, snapshot.aggregateType());
                select.setString(2, snapshot.aggregateId());
                try (ResultSet rows = select.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(insertSnapshot)) {
                insert.setString(1, snapshot.aggregateType());
                insert.setString(2, snapshot.aggregateId());
                insert.setLong(3, snapshot.lastSequence());
                insert.setLong(4, snapshot.snapshotVersion());
                dialect.setJson(insert, 5, snapshot.payload());
                return insert.executeUpdate() == 1;
            }
        }
        try (PreparedStatement update = connection.prepareStatement(updateSnapshot)) {
            update.setLong(1, snapshot.lastSequence());
            update.setLong(2, snapshot.snapshotVersion());
            dialect.setJson(update, 3, snapshot.payload());
            update.setString(4, snapshot.aggregateType());
            update.setString(5, snapshot.aggregateId());
            update.setLong(6, snapshot.snapshotVersion() - 1);
            update.setString(7, snapshot.aggregateType());
            update.setString(8, snapshot.aggregateId());
            return update.executeUpdate() > 0;
        }
    }

    private AggregateConflictException snapshotConflict(SerializedSnapshot snapshot) {
        long expected = snapshot.snapshotVersion() - 1;
        String wanted = expected == 0 ? "no snapshot" : "snapshot version " + expected;
        return new AggregateConflictException(snapshot.aggregateType() + " " + snapshot.aggregateId() + ": expected "
                + wanted + " in " + tables.snapshots() + " but another commit wrote a different one"
                + " (a concurrent command won); nothing was written; retry", null);
    }

    private void rollback(Connection connection, String doing, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("{}: rollback failed after {} ({}); the database discards the transaction when the"
                    + " connection closes", errors.databaseName(), doing, SqlErrors.describe(e));
            failure.addSuppressed(e);
        }
    }

    private void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.debug("{}: could not restore auto-commit on a connection ({})", errors.databaseName(),
                    SqlErrors.describe(e));
        }
    }

    @Override
    public Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId) {
        boolean positioned = positionColumn.present();
        return EventPages.stream((last, pageSize) -> query("streaming the events of " + aggregateType + " "
                + aggregateId + " from " + tables.events(), positioned ? selectEventsPageWithPosition : selectEventsPage,
                statement -> {
                    statement.setString(1, aggregateType);
                    statement.setString(2, aggregateId);
                    statement.setLong(3, last == null ? 0 : last.sequence());
                    statement.setInt(4, pageSize);
                }, rows -> events(rows, positioned)), PAGE_SIZE);
    }

    @Override
    public Stream<SerializedEvent> streamAllEvents(String aggregateType) {
        boolean positioned = positionColumn.present();
        return EventPages.stream((last, pageSize) -> query("streaming every " + aggregateType + " event from "
                + tables.events(), positioned ? selectAllEventsPageWithPosition : selectAllEventsPage,
                statement -> dialect.bindAllEventsPage(statement, aggregateType,
                        last == null ? "" : last.aggregateId(), last == null ? 0 : last.sequence(), pageSize),
                rows -> events(rows, positioned)), PAGE_SIZE);
    }

    private List<SerializedEvent> events(ResultSet rows, boolean positioned) throws SQLException {
        var events = new ArrayList<SerializedEvent>();
        while (rows.next()) {
            String type = rows.getString(1);
            String id = rows.getString(2);
            long sequence = rows.getLong(3);
            try {
                events.add(new SerializedEvent(type, id, sequence, rows.getString(4), rows.getString(5),
                        dialect.getJson(rows, 6), dialect.getJson(rows, 7), positioned ? rows.getLong(8) : 0));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw invalidEvent(type, id, sequence, e);
            }
        }
        return events;
    }

    private SerializedSnapshot snapshot(String type, String id, ResultSet row) throws SQLException {
        return snapshotRow(type, id, row.getLong(1), row.getLong(2), () -> dialect.getJson(row, 3));
    }

    private SerializedSnapshot snapshotRow(String type, String id, long lastSequence, long version, JsonColumn payload)
            throws SQLException {
        try {
            return new SerializedSnapshot(type, id, payload.read(), lastSequence, version);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DeserializationException(type + " " + id + ": the snapshot row in " + tables.snapshots()
                    + " is not valid (" + e.getMessage() + "); delete the row to rebuild from events", e);
        }
    }

    private DeserializationException invalidEvent(String type, String id, long sequence, RuntimeException e) {
        return new DeserializationException(type + " " + id + " sequence " + sequence + " in " + tables.events()
                + ": the row is not a valid event (" + e.getMessage() + "); fix the row", e);
    }

    /** A JSON column of the current row. */
    private interface JsonColumn {
        String read() throws SQLException;
    }

    private <T> T query(String doing, String sql, SqlRunner.Binder binder, SqlRunner.RowsReader<T> reader) {
        return runner.query(doing, sql, binder, reader);
    }

    private static void checkOneContiguousAggregate(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to persist: a commit holds at least one event");
        }
        SerializedEvent first = events.getFirst();
        long sequence = first.sequence();
        for (SerializedEvent event : events) {
            if (!event.aggregateType().equals(first.aggregateType()) || !event.aggregateId().equals(first.aggregateId())
                    || event.sequence() != sequence++) {
                throw new IllegalArgumentException("a commit holds contiguous events of one aggregate; "
                        + event.describe() + " does not follow " + first.aggregateType() + " " + first.aggregateId());
            }
        }
        if (snapshot != null && (!snapshot.aggregateType().equals(first.aggregateType())
                || !snapshot.aggregateId().equals(first.aggregateId()))) {
            throw new IllegalArgumentException("the snapshot of " + snapshot.aggregateType() + " " + snapshot.aggregateId()
                    + " does not belong to the commit of " + first.aggregateType() + " " + first.aggregateId());
        }
    }
}
