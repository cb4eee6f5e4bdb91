// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What differs between databases, as far as the JDBC repositories are concerned: the schema
 * scripts, how a JSON value is bound and read, how errors are classified, and any statement whose
 * standard SQL the database does not accept. A database module implements this once.
 *
 * <p>Statements receive table names that {@link EventTables} or {@link JdbcStorage} already
 * validated as plain identifiers, and use {@code ?} for every value; the repositories bind the
 * parameters in the order each method documents. The defaults are standard SQL plus
 * {@code LIMIT ?}, which PostgreSQL, MySQL/MariaDB and SQLite all accept.
 *
 * <p>Durable projections need two more things, both optional with defaults: a
 * {@link #globalOrder()} (how the events of all aggregates form one log that is read without
 * skipping; see {@link GlobalOrder} for what a dialect must supply), and the projection tables
 * with their lease statement ({@link #projectionTablesScript()}, {@link #databaseClockMillis()},
 * {@link #claimLease}). Every method added since the first release has a default, so a dialect
 * written against an earlier version keeps compiling and working.
 */
public interface SqlDialect {

    /**
     * The database's name, used in error messages: {@code "PostgreSQL"}.
     *
     * @return the name
     */
    String databaseName();

    /**
     * The script that creates the events and snapshots tables if they do not exist. Statements end
     * with a {@code ;} at the end of a line; {@code ${events}} and {@code ${snapshots}} stand for
     * the table names; lines starting with {@code --} are comments. Read it from the dialect
     * module's own resources.
     *
     * @return the script
     */
    String eventTablesScript();

    /**
     * The script that creates one view table if it does not exist, with {@code ${view}} standing
     * for its name; the same format as {@link #eventTablesScript()}.
     *
     * @return the script
     */
    String viewTableScript();

    /**
     * Binds a JSON text to a parameter of a JSON column.
     *
     * @param statement the statement
     * @param index the parameter's index, from 1
     * @param json the JSON text
     * @throws SQLException as the driver reports it
     */
    default void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        statement.setString(index, json);
    }

    /**
     * Reads the JSON text of a JSON column.
     *
     * @param row the result set, on a row
     * @param column the column's index, from 1
     * @return the JSON text
     * @throws SQLException as the driver reports it
     */
    default String getJson(ResultSet row, int column) throws SQLException {
        return row.getString(column);
    }

    /**
     * Whether an error is a duplicate key (the events' primary key, a view's id). The repositories
     * ask this of every exception in the chain ({@link SQLException#getNextException()}, causes).
     *
     * @param error one exception of the chain
     * @return true for a duplicate key
     */
    default boolean isDuplicateKey(SQLException error) {
        return error instanceof SQLIntegrityConstraintViolationException || "23505".equals(error.getSQLState());
    }

    /**
     * Whether an error means the database could not be reached or the connection broke. SQLState
     * class {@code 08} and the JDBC connection exception types are always taken as such; this adds
     * the database's own codes.
     *
     * @param error one exception of the chain
     * @return true for a connection failure
     */
    default boolean isConnectionFailure(SQLException error) {
        return false;
    }

    /**
     * Whether an error means the database rolled the transaction back because of a concurrent
     * one (serialization failure, deadlock): retrying the command is the cure, so it is reported
     * as a conflict.
     *
     * @param error one exception of the chain
     * @return true for a transaction conflict
     */
    default boolean isTransactionConflict(SQLException error) {
        return "40001".equals(error.getSQLState());
    }

    /**
     * Inserts one event. Parameters: aggregate type, aggregate id, sequence, event type, event
     * version, payload (JSON), metadata (JSON).
     *
     * @param events the events table
     * @return the statement
     */
    default String insertEvent(String events) {
        return "INSERT INTO " + events + " (aggregate_type, aggregate_id, sequence, event_type, event_version,"
                + " payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)";
    }

    /**
     * Selects one aggregate's events after a sequence, in sequence order. Parameters: aggregate
     * type, aggregate id, the sequence after which to read. Columns: aggregate type, aggregate id,
     * sequence, event type, event version, payload, metadata.
     *
     * @param events the events table
     * @return the statement
     */
    default String selectEvents(String events) {
        return "SELECT aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata"
                + " FROM " + events + " WHERE aggregate_type = ? AND aggregate_id = ? AND sequence > ?"
                + " ORDER BY sequence";
    }

    /**
     * {@link #selectEvents(String)} with the global position as an eighth column, used when the
     * table has a {@code global_position} column. A dialect that overrides the one-argument
     * form overrides this one too.
     *
     * @param events the events table
     * @return the statement
     */
    default String selectEventsWithPosition(String events) {
        return "SELECT " + DefaultStatements.EVENT_COLUMNS_WITH_POSITION + " FROM " + events
                + " WHERE aggregate_type = ? AND aggregate_id = ? AND sequence > ? ORDER BY sequence";
    }

    /**
     * {@link #selectEvents} limited to a page: one more parameter, the page size.
     *
     * @param events the events table
     * @return the statement
     */
    default String selectEventsPage(String events) {
        return selectEvents(events) + " LIMIT ?";
    }

    /**
     * {@link #selectEventsPage(String)} with the global position as an eighth column, used when
     * the table has a {@code global_position} column.
     *
     * @param events the events table
     * @return the statement
     */
    default String selectEventsPageWithPosition(String events) {
        return selectEventsWithPosition(events) + " LIMIT ?";
    }

    /**
     * Selects a page of every event of one aggregate type after a position, ordered by aggregate
     * id and sequence (keyset pagination on the primary key). Parameters: aggregate type, the last
     * aggregate id read ({@code ""} at first), the last sequence read in it (0 at first), the page
     * size, bound by {@link #bindAllEventsPage}. Columns as {@link #selectEvents}.
     *
     * @param events the events table
     * @return the statement
     */
    default String selectAllEventsPage(String events) {
        return "SELECT aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata"
                + " FROM " + events + " WHERE aggregate_type = ? AND (aggregate_id, sequence) > (?, ?)"
                + " ORDER BY aggregate_id, sequence LIMIT ?";
    }

    /**
     * {@link #selectAllEventsPage(String)} with the global position as an eighth column, used
     * when the table has a {@code global_position} column; its parameters are bound by
     * {@link #bindAllEventsPage} too, so a dialect that overrides the one-argument form (and the
     * binding) overrides this one as well.
     *
     * @param events the events table
     * @return the statement
     */
    default String selectAllEventsPageWithPosition(String events) {
        return "SELECT " + DefaultStatements.EVENT_COLUMNS_WITH_POSITION + " FROM " + events
                + " WHERE aggregate_type = ? AND (aggregate_id, sequence) > (?, ?) ORDER BY aggregate_id, sequence LIMIT ?";
    }

    /**
     * Binds the parameters of {@link #selectAllEventsPage}: by default the aggregate type, the last
     * aggregate id, the last sequence and the page size, in that order. A dialect whose statement
     * needs them in another order or more than once overrides both methods; MariaDB, for one, reads
     * an index range only for {@code aggregate_id > ? OR (aggregate_id = ? AND sequence > ?)}, not
     * for the row comparison, and would scan every page from the first row of the type.
     *
     * @param statement the statement of {@link #selectAllEventsPage}
     * @param aggregateType the aggregate type
     * @param lastAggregateId the last aggregate id read, {@code ""} at first
     * @param lastSequence the last sequence read in it, 0 at first
     * @param pageSize the page size
     * @throws SQLException as the driver reports it
     */
    default void bindAllEventsPage(PreparedStatement statement, String aggregateType, String lastAggregateId,
                                   long lastSequence, int pageSize) throws SQLException {
        statement.setString(1, aggregateType);
        statement.setString(2, lastAggregateId);
        statement.setLong(3, lastSequence);
        statement.setInt(4, pageSize);
    }

    /**
     * Selects an aggregate's newest snapshot. Parameters: aggregate type, aggregate id. Columns:
     * last sequence, snapshot version, payload.
     *
     * @param snapshots the snapshots table
     * @return the statement
     */
    default String selectSnapshot(String snapshots) {
        return "SELECT last_sequence, current_snapshot, payload FROM " + snapshots
                + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY last_sequence DESC LIMIT 1";
    }

    /**
     * Whether a snapshotted load reads with {@link #selectSnapshotAndEvents} (one round trip) rather
     * than {@link #selectSnapshot} and then {@link #selectEvents} (two). True by default.
     *
     * @return true to read the snapshot and the events after it in one statement
     */
    default boolean readsSnapshotAndEventsTogether() {
        return true;
    }

    /**
     * Selects an aggregate's newest snapshot and the events after it in one statement, one
     * consistent read: a first row for the snapshot, if any, then the events in sequence order.
     * Parameters: aggregate type and id, three times. Columns: kind (0 snapshot, 1 event),
     * sequence (the snapshot's last sequence), snapshot version (0 for events), payload, event
     * type, event version, metadata.
     *
     * @param snapshots the snapshots table
     * @param events the events table
     * @return the statement
     */
    default String selectSnapshotAndEvents(String snapshots, String events) {
        return snapshotAndEvents(snapshots, events, false, column -> column);
    }

    /**
     * {@link #selectSnapshotAndEvents} with the events' global position as an eighth column
     * (null in the snapshot's row), used when the table has a {@code global_position} column.
     *
     * @param snapshots the snapshots table
     * @param events the events table
     * @return the statement
     */
    default String selectSnapshotAndEventsWithPosition(String snapshots, String events) {
        return snapshotAndEvents(snapshots, events, true, column -> column);
    }

    /**
     * The statement of {@link #selectSnapshotAndEvents}, for dialects that must convert the JSON
     * columns to one type (PostgreSQL tables may mix {@code json} and {@code jsonb}).
     *
     * @param snapshots the snapshots table
     * @param events the events table
     * @param positioned whether to select the global position as an eighth column
     * @param json what a JSON column is selected as, given its name
     * @return the statement
     */
    static String snapshotAndEvents(String snapshots, String events, boolean positioned,
                                    UnaryOperator<String> json) {
        return "SELECT 0 AS kind, last_sequence AS seq, current_snapshot, " + json.apply("payload") + ", NULL, NULL, NULL"
                + (positioned ? ", NULL" : "")
                + " FROM (SELECT last_sequence, current_snapshot, payload FROM " + snapshots
                + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY last_sequence DESC LIMIT 1) AS newest"
                + " UNION ALL SELECT 1, sequence, 0, " + json.apply("payload") + ", event_type, event_version, "
                + json.apply("metadata") + (positioned ? ", global_position" : "") + " FROM " + events
                + " WHERE aggregate_type = ? AND aggregate_id = ? AND sequence > COALESCE((SELECT MAX(last_sequence)"
                + " FROM " + snapshots + " WHERE aggregate_type = ? AND aggregate_id = ?), 0) ORDER BY kind, seq";
    }

    /**
     * Inserts an aggregate's first snapshot. Parameters: aggregate type, aggregate id, last
     * sequence, snapshot version, payload (JSON).
     *
     * @param snapshots the snapshots table
     * @return the statement
     */
    default String insertSnapshot(String snapshots) {
        return "INSERT INTO " + snapshots + " (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload)"
                + " VALUES (?, ?, ?, ?, ?)";
    }

    /**
     * Replaces an aggregate's newest snapshot in place if it still has the expected version.
     * Parameters: new last sequence, new snapshot version, payload (JSON), aggregate type,
     * aggregate id, expected snapshot version, aggregate type, aggregate id. The repositories
     * treat 0 updated rows as a conflict.
     *
     * <p>The default updates only the row with the highest last sequence, so the older rows that
     * a postgres-es table can hold (its key includes the sequence) never collide with it. A
     * database whose snapshot key is only the aggregate (mysql-es) may drop that condition, and
     * MySQL must: it refuses a subquery on the table being updated (error 1093).
     *
     * @param snapshots the snapshots table
     * @return the statement
     */
    default String updateSnapshot(String snapshots) {
        return "UPDATE " + snapshots + " SET last_sequence = ?, current_snapshot = ?, payload = ?"
                + " WHERE aggregate_type = ? AND aggregate_id = ? AND current_snapshot = ?"
                + " AND last_sequence = (SELECT MAX(last_sequence) FROM " + snapshots
                + " WHERE aggregate_type = ? AND aggregate_id = ?)";
    }

    /**
     * Selects a view. Parameter: view id. Columns: version, payload.
     *
     * @param view the view table
     * @return the statement
     */
    default String selectView(String view) {
        return "SELECT version, payload FROM " + view + " WHERE view_id = ?";
    }

    /**
     * Inserts a view at version 1. Parameters: view id, version, payload (JSON).
     *
     * @param view the view table
     * @return the statement
     */
    default String insertView(String view) {
        return "INSERT INTO " + view + " (view_id, version, payload) VALUES (?, ?, ?)";
    }

    /**
     * Updates a view if it still has the expected version. Parameters: new version, payload
     * (JSON), view id, expected version. The repositories treat 0 updated rows as a conflict.
     *
     * @param view the view table
     * @return the statement
     */
    default String updateView(String view) {
        return "UPDATE " + view + " SET version = ?, payload = ? WHERE view_id = ? AND version = ?";
    }

    /**
     * The dialect's global order of events, which durable projections read
     * ({@link JdbcStorage#eventLog}); empty (the default) when the dialect has none yet, and then
     * the event log is refused with an error saying so.
     *
     * <p>A dialect that supplies one also: adds the columns (and any sequencer table) to its
     * {@link #eventTablesScript()}, and overrides the {@code ...WithPosition} selects if it
     * overrides their one-argument forms. The repositories read {@code global_position} into
     * {@link io.cqrs4j.persist.SerializedEvent#globalPosition()} whenever the table has the column,
     * and then call {@link GlobalOrder#beforeAppend} in every append's transaction. See
     * {@link GlobalOrder} for the contract and the two strategies (snapshot horizon on PostgreSQL,
     * a sequencer row locked in the append transaction on MySQL/MariaDB and SQLite).
     *
     * @return the global order, or empty
     */
    default Optional<GlobalOrder> globalOrder() {
        return Optional.empty();
    }

    /**
     * The script that creates the projection tables (checkpoints, leases, parked events) if they
     * do not exist; placeholders {@code ${checkpoints}}, {@code ${leases}}, {@code ${parked}}. The
     * default is portable SQL (no LOB, no database-specific type) that PostgreSQL, MySQL/MariaDB
     * and SQLite accept: {@code io/cqrs4j/jdbc/projection-tables.sql}. Times are epoch
     * milliseconds of {@link #databaseClockMillis()}.
     *
     * @return the script
     */
    default String projectionTablesScript() {
        return DefaultStatements.projectionTablesScript();
    }

    /**
     * A SQL expression for the database's clock in epoch milliseconds, as a 64-bit integer.
     * Leases are judged on it, never on a process's clock, so instances on different hosts agree.
     * The default is standard SQL that PostgreSQL accepts; MySQL
     * ({@code CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)}) and SQLite
     * ({@code CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)}) override it.
     *
     * @return the expression
     */
    default String databaseClockMillis() {
        return "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    }

    /**
     * Claims or renews a projection's lease in one statement. Parameters: projection, owner,
     * projection (again), time to live in milliseconds. It inserts the lease (token one more than
     * the checkpoint row's, 1 when there is none) or, when the stored lease is the owner's or has
     * expired, takes it over: the owner and expiry are replaced, the token is kept when the same
     * owner renews an unexpired lease and incremented otherwise; it changes nothing while another
     * owner's lease runs. When the statement returns rows, its columns are the token and the
     * expiry (epoch milliseconds) and no row means not claimed; a statement that returns no result
     * set (MySQL's {@code INSERT ... ON DUPLICATE KEY UPDATE}, with the same rules in its {@code IF}
     * expressions) is followed by a select of the lease, and the claim succeeded when the stored
     * owner is the caller.
     *
     * <p>The default is {@code INSERT ... ON CONFLICT (projection) DO UPDATE ... WHERE ...
     * RETURNING}, which PostgreSQL and SQLite accept.
     *
     * @param leases the leases table
     * @param checkpoints the checkpoints table
     * @return the statement
     */
    default String claimLease(String leases, String checkpoints) {
        return DefaultStatements.claimLease(leases, checkpoints, databaseClockMillis());
    }
}
