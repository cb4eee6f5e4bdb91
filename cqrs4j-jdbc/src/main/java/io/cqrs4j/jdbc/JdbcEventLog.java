// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.CqrsException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events table read in the dialect's {@link GlobalOrder}. A read that returns less than a
 * full page asks the order whether committed events wait behind an open transaction and says so
 * in the batch; a reader that stays held back without progress is logged as a warning after
 * {@value #STALL_WARNING_SECONDS} s, and again every minute while it lasts. Reads never join a
 * projection's bound transaction. {@link #awaitNewEvents} polls (sleeps); a database module adds
 * notifications around this.
 */
final class JdbcEventLog implements EventLog {

    static final int STALL_WARNING_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEventLog.class);
    private static final long STALL_WARNING_NANOS = STALL_WARNING_SECONDS * 1_000_000_000L;
    private static final long STALL_REPEAT_NANOS = 60 * 1_000_000_000L;
    private static final int MAX_TRACKED_STALLS = 1_000;

    private final SqlDialect dialect;
    private final GlobalOrder order;
    private final SqlRunner runner;
    private final String table;
    private final PositionColumn positionColumn;
    private final String selectLog;
    private final String countLog;
    /** Readers held back without progress: where they wait, since when, when last warned (nano time). */
    private final Map<LogPosition, long[]> stalls = new ConcurrentHashMap<>();

    JdbcEventLog(DataSource dataSource, SqlDialect dialect, GlobalOrder order, String table) {
        this.dialect = dialect;
        this.order = order;
        this.runner = new SqlRunner(dataSource, dialect, false);
        this.table = table;
        this.positionColumn = new PositionColumn(dataSource, dialect, table);
        this.selectLog = order.selectLog(table);
        this.countLog = order.countLog(table);
    }

    @Override
    public LogBatch read(LogPosition after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the log of " + table + " is read in pages of at least 1 event, not " + limit);
        }
        String doing = "reading the event log of " + table + " after " + after;
        try (Connection connection = runner.connect(doing)) {
            List<LoggedEvent> events = page(connection, after, limit);
            String heldBack = events.size() < limit ? order.heldBack(connection, table, after) : "";
            watchStall(after, events.isEmpty() && !heldBack.isEmpty(), heldBack);
            return new LogBatch(events, heldBack);
        } catch (SQLException e) {
            throw failure(e, doing);
        }
    }

    private List<LoggedEvent> page(Connection connection, LogPosition after, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectLog)) {
            order.bindLog(statement, after, limit);
            try (ResultSet rows = statement.executeQuery()) {
                var events = new ArrayList<LoggedEvent>();
                while (rows.next()) {
                    events.add(event(rows));
                }
                return events;
            }
        }
    }

    private LoggedEvent event(ResultSet rows) throws SQLException {
        var position = new LogPosition(rows.getLong(1), rows.getLong(2));
        Instant recordedAt = Instant.ofEpochMilli(rows.getLong(3));
        String type = rows.getString(4);
        String id = rows.getString(5);
        long sequence = rows.getLong(6);
        try {
            var event = new SerializedEvent(type, id, sequence, rows.getString(7), rows.getString(8),
                    dialect.getJson(rows, 9), dialect.getJson(rows, 10), position.position());
            return new LoggedEvent(position, event, recordedAt);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DeserializationException(type + " " + id + " sequence " + sequence + " at " + position + " in "
                    + table + ": the row is not a valid event (" + e.getMessage() + "); fix the row", e);
        }
    }

    @Override
    public long countAfter(LogPosition after) {
        String doing = "counting the events of " + table + " after " + after;
        try (Connection connection = runner.connect(doing);
             PreparedStatement statement = connection.prepareStatement(countLog)) {
            order.bindCount(statement, after);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw failure(e, doing);
        }
    }

    private CqrsException failure(SQLException error, String doing) {
        CqrsException translated = runner.errors().translate(error, doing);
        if (translated instanceof UnexpectedException && !positionColumn.present()) {
            return new UnexpectedException(dialect.databaseName() + ": " + doing + " failed: the table has no "
                    + PositionColumn.NAME + " column (a table the Rust crates created); add the global order with"
                    + " JdbcStorage.upgradeEventTables (the dialect's migration script), then retry", error);
        }
        return translated;
    }

    /** Logs a reader that stays held back without progress; forgets it once it moves. */
    private void watchStall(LogPosition after, boolean stalled, String heldBack) {
        if (!stalled) {
            stalls.remove(after);
            return;
        }
        long now = System.nanoTime();
        if (stalls.size() >= MAX_TRACKED_STALLS) {
            stalls.clear();
        }
        long[] since = stalls.computeIfAbsent(after, key -> new long[] {now, now - STALL_REPEAT_NANOS});
        if (now - since[0] >= STALL_WARNING_NANOS && now - since[1] >= STALL_REPEAT_NANOS) {
            since[1] = now;
            LOG.warn("{}: the event log of {} is held back at {} for {} s: {}", dialect.databaseName(), table, after,
                    (now - since[0]) / 1_000_000_000L, heldBack);
        } else {
            LOG.debug("{}: the event log of {} is held back at {}: {}", dialect.databaseName(), table, after, heldBack);
        }
    }

    @Override
    public String toString() {
        return "event log of " + table + " (" + dialect.databaseName() + ")";
    }
}
