// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.projection.LogPosition;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A {@link GlobalOrder} whose positions alone are the order, taken in commit order by a single
 * writer or a sequencer row (SQLite, MySQL/MariaDB): the transaction part is always 0, the log is
 * read as {@code WHERE global_position > ?}, and only the position and the page size are bound.
 */
public interface PositionOnlyOrder extends GlobalOrder {

    /**
     * Binds the position and the page size.
     *
     * @param statement the statement of {@link #selectLog}
     * @param after the position after which to read
     * @param limit the page size
     * @throws SQLException as the driver reports it
     */
    @Override
    default void bindLog(PreparedStatement statement, LogPosition after, int limit) throws SQLException {
        statement.setLong(1, after.position());
        statement.setInt(2, limit);
    }

    /**
     * Counts the events after a position. Parameter: the position.
     *
     * @param events the events table
     * @return the statement
     */
    @Override
    default String countLog(String events) {
        return "SELECT COUNT(*) FROM " + events + " WHERE global_position > ?";
    }

    /**
     * Binds the position.
     *
     * @param statement the statement of {@link #countLog}
     * @param after the position after which to count
     * @throws SQLException as the driver reports it
     */
    @Override
    default void bindCount(PreparedStatement statement, LogPosition after) throws SQLException {
        statement.setLong(1, after.position());
    }
}
