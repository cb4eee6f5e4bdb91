// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.projection.LogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a database puts the events of every aggregate into one global order that a reader follows
 * without ever skipping an event: what a {@link SqlDialect} supplies for durable projections
 * ({@link JdbcStorage#eventLog}). See {@code docs/adr/06-global-order.md}.
 *
 * <p>The contract, whatever the strategy:
 * <ul>
 *   <li>every stored event has a {@link LogPosition} (transaction, position), unique, and its
 *       {@code global_position} column holds the position part;</li>
 *   <li>{@link #selectLog} returns an event only once no event that sorts before it can still
 *       become visible (commit later): a reader that pages from its checkpoint never skips one;</li>
 *   <li>the events of one aggregate sort in sequence order;</li>
 *   <li>positions are not dense: a rolled-back append leaves a hole, which is never waited for.</li>
 * </ul>
 *
 * <p>Two strategies fit this interface:
 * <ul>
 *   <li><b>Snapshot horizon</b> (PostgreSQL): each event records its writing transaction's id
 *       ({@code pg_current_xact_id()}) beside a sequence-assigned position; the log is ordered by
 *       (transaction id, position) and read only below the oldest transaction still running
 *       ({@code pg_snapshot_xmin}). Appends are not serialised.</li>
 *   <li><b>Sequencer row</b> (MySQL/MariaDB, which have no snapshot horizon; SQLite, whose single
 *       writer makes it free): {@link #beforeAppend} locks one row of a sequencer table in the
 *       append's transaction ({@code UPDATE ..._sequencer SET appends = appends + 1 WHERE id = 1}),
 *       so appends commit one at a time and positions (an {@code AUTO_INCREMENT} or {@code ROWID}
 *       column, or the sequencer's own counter) are assigned in commit order; the transaction
 *       part is 0 and {@link #selectLog} is {@code WHERE global_position > ? ORDER BY
 *       global_position LIMIT ?} ({@link PositionOnlyOrder} binds it). Test that the database makes a commit visible before it
 *       releases the row lock before relying on it.</li>
 * </ul>
 *
 * <p>The dialect's {@link SqlDialect#eventTablesScript()} creates the columns (and any sequencer
 * table) for new tables; {@link #migrationScript()} adds them to tables that exist, such as those
 * postgres-es or mysql-es created. Columns are additive: writers that know nothing of them (the
 * Rust crates) keep inserting rows, and the database fills the columns in.
 */
public interface GlobalOrder {

    /**
     * The script that adds the global order to an existing events table, idempotent, in the
     * format of {@link SqlDialect#eventTablesScript()}. Placeholders: {@code ${events}} (the
     * table, maybe schema-qualified), {@code ${eventsname}} (its name without the schema, for
     * naming indexes and constraints), {@code ${schemaprefix}} ({@code "bank."} or empty).
     * Existing rows get positions that keep each aggregate's sequence order.
     *
     * @return the script
     */
    String migrationScript();

    /**
     * Runs inside every append's transaction, before its events are inserted; the sequencer
     * strategy locks its row here. The default does nothing.
     *
     * @param connection the append's connection, in a transaction
     * @param events the events table
     * @throws SQLException as the driver reports it
     */
    default void beforeAppend(Connection connection, String events) throws SQLException {
    }

    /**
     * Whether {@link #beforeAppend} does anything, so that an append needs a transaction even for
     * one event; a strategy that overrides {@code beforeAppend} returns true. The default is false,
     * which lets a one-event append without a snapshot run as one auto-committed statement.
     *
     * @return true when appends take a lock before inserting
     */
    default boolean locksOnAppend() {
        return false;
    }

    /**
     * Selects the next page of the log. Parameters, bound by {@link #bindLog}: by default the
     * transaction part and the position part of the position after which to read, then the page
     * size. Columns: transaction part (0 where the
     * strategy has none), position, recorded-at in epoch milliseconds (database clock), then the
     * seven event columns of {@link SqlDialect#selectEvents(String)}. It must return only events
     * that nothing can still precede (see the contract above), in log order.
     *
     * @param events the events table
     * @return the statement
     */
    String selectLog(String events);

    /**
     * Binds the parameters of {@link #selectLog}: by default the transaction part, the position
     * part and the page size, in that order. A strategy without a transaction part overrides it
     * to bind the position and the page size only.
     *
     * @param statement the statement of {@link #selectLog}
     * @param after the position after which to read
     * @param limit the page size
     * @throws SQLException as the driver reports it
     */
    default void bindLog(PreparedStatement statement, LogPosition after, int limit) throws SQLException {
        statement.setLong(1, after.transaction());
        statement.setLong(2, after.position());
        statement.setInt(3, limit);
    }

    /**
     * Counts the committed events after a position, held back or not (a projection's lag).
     * Parameters, bound by {@link #bindCount}: by default the transaction part and the position
     * part.
     *
     * @param events the events table
     * @return the statement
     */
    String countLog(String events);

    /**
     * Binds the parameters of {@link #countLog}: by default the transaction part and the position
     * part.
     *
     * @param statement the statement of {@link #countLog}
     * @param after the position after which to count
     * @throws SQLException as the driver reports it
     */
    default void bindCount(PreparedStatement statement, LogPosition after) throws SQLException {
        statement.setLong(1, after.transaction());
        statement.setLong(2, after.position());
    }

    /**
     * Why committed events after {@code after} wait unread, or empty when none do; asked when a
     * read returned less than a full page. PostgreSQL names the open transaction that holds the
     * horizon (pid, state, since when) and counts the events behind it, once that transaction has
     * been open long enough to matter (waits of milliseconds behind concurrent commits are normal
     * and left out); a sequencer strategy, where nothing committed is ever held back, keeps the
     * default.
     *
     * @param connection a connection, not in a transaction
     * @param events the events table
     * @param after the position the reader has read up to
     * @return the reason, or empty
     * @throws SQLException as the driver reports it
     */
    default String heldBack(Connection connection, String events, LogPosition after) throws SQLException {
        return "";
    }
}
