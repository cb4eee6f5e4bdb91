// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import io.cqrs4j.projection.ParkedEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parked-events table of {@link JdbcProjectionStore}: one row per projection and log position. */
final class ParkedEvents {

    private final SqlRunner runner;
    private final ProjectionStatements sql;
    private final ProjectionTables tables;

    ParkedEvents(SqlRunner runner, ProjectionStatements sql, ProjectionTables tables) {
        this.runner = runner;
        this.sql = sql;
        this.tables = tables;
    }

    /** Parks the event, or records the new error and attempts of an event parked before. */
    void park(ParkedEvent parked) {
        LogPosition position = parked.event().position();
        String doing = "parking " + parked.event().event().describe() + " at " + position + " for projection "
                + parked.projection() + " in " + tables.parked();
        for (int attempt = 0; ; attempt++) {
            int updated = runner.update(doing, sql.updateParked, statement -> {
                statement.setString(1, parked.error());
                statement.setInt(2, parked.attempts());
                statement.setString(3, parked.projection());
                statement.setLong(4, position.transaction());
                statement.setLong(5, position.position());
            }, null);
            if (updated > 0) {
                return;
            }
            try {
                runner.update(doing, sql.insertParked, statement -> bindInsert(statement, parked), cause ->
                        new AggregateConflictException(doing + ": parked at the same moment elsewhere", cause));
                return;
            } catch (AggregateConflictException e) {
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private static void bindInsert(PreparedStatement statement, ParkedEvent parked) throws SQLException {
        LoggedEvent logged = parked.event();
        SerializedEvent event = logged.event();
        statement.setString(1, parked.projection());
        statement.setLong(2, logged.position().transaction());
        statement.setLong(3, logged.position().position());
        statement.setString(4, event.aggregateType());
        statement.setString(5, event.aggregateId());
        statement.setLong(6, event.sequence());
        statement.setString(7, event.eventType());
        statement.setString(8, event.eventVersion());
        statement.setString(9, event.payload());
        statement.setString(10, event.metadata());
        statement.setLong(11, logged.recordedAt().toEpochMilli());
        statement.setString(12, parked.error());
        statement.setInt(13, parked.attempts());
    }

    List<ParkedEvent> list(String projection) {
        return runner.query("listing the parked events of projection " + projection + " in " + tables.parked(),
                sql.selectParked, statement -> statement.setString(1, projection), rows -> read(projection, rows));
    }

    private List<ParkedEvent> read(String projection, ResultSet rows) throws SQLException {
        var parked = new ArrayList<ParkedEvent>();
        while (rows.next()) {
            var position = new LogPosition(rows.getLong(1), rows.getLong(2));
            try {
                var event = new SerializedEvent(rows.getString(3), rows.getString(4), rows.getLong(5), rows.getString(6),
                        rows.getString(7), rows.getString(8), rows.getString(9), position.position());
                parked.add(new ParkedEvent(projection, new LoggedEvent(position, event, Instant.ofEpochMilli(rows.getLong(10))),
                        rows.getString(11), rows.getInt(12), Instant.ofEpochMilli(rows.getLong(13))));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DeserializationException("projection " + projection + ": the parked event at " + position + " in "
                        + tables.parked() + " is not valid (" + e.getMessage() + "); fix or delete the row", e);
            }
        }
        return parked;
    }

    void remove(String projection, LogPosition position) {
        runner.update("removing the parked event at " + position + " of projection " + projection + " from "
                + tables.parked(), sql.deleteParked, statement -> {
                    statement.setString(1, projection);
                    statement.setLong(2, position.transaction());
                    statement.setLong(3, position.position());
                }, null);
    }
}
