// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.jdbc.GlobalOrder;
import io.cqrs4j.projection.LogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * The snapshot-horizon order: events sort by (writing transaction id, global position) and are
 * read only below {@code pg_snapshot_xmin(pg_current_snapshot())}, the oldest transaction still
 * running when the read starts. Every transaction below it has ended, so every event it wrote is
 * visible (or rolled back) and none can appear later: a reader that pages from its checkpoint
 * never skips an event that committed after a higher-numbered one, and needs no timeout. The price:
 * an open transaction that has written anything anywhere in the database holds every reader back
 * until it ends; {@link #heldBack} names it once it has been open for a second (the moments
 * every reader waits behind concurrent commits are not worth a word).
 */
final class PostgresGlobalOrder implements GlobalOrder {

    static final PostgresGlobalOrder INSTANCE = new PostgresGlobalOrder();

    /** A checkpoint's transaction part, bound as a 64-bit integer, as the column's type. */
    private static final String TRANSACTION_PARAMETER = "CAST(CAST(? AS text) AS xid8)";
    /** The 32-bit xid that pg_stat_activity and pg_prepared_xacts show for the horizon's 64-bit one. */
    private static final String HORIZON_XID = "CAST(CAST(CAST(CAST(h.horizon AS text) AS numeric) % 4294967296 AS text) AS xid)";
    /** The most waiting events counted: a count that stops there stays cheap however long the wait. */
    private static final int COUNT_CAP = 10_000;
    /** How long the transaction holding the horizon must have been open before it is reported. */
    private static final double REPORT_AFTER_SECONDS = 1.0;

    private final String migrationScript = PostgresDialect.resource("global-order-migration.sql");

    private PostgresGlobalOrder() {
    }

    @Override
    public String migrationScript() {
        return migrationScript;
    }

    @Override
    public String selectLog(String events) {
        return "SELECT CAST(CAST(tx_id AS text) AS bigint), global_position,"
                + " CAST(EXTRACT(EPOCH FROM recorded_at) * 1000 AS bigint),"
                + " aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata"
                + " FROM " + events
                + " WHERE (tx_id, global_position) > (" + TRANSACTION_PARAMETER + ", ?)"
                + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
                + " ORDER BY tx_id, global_position LIMIT ?";
    }

    @Override
    public String countLog(String events) {
        return "SELECT count(*) FROM " + events + " WHERE (tx_id, global_position) > (" + TRANSACTION_PARAMETER + ", ?)";
    }

    @Override
    public String heldBack(Connection connection, String events, LogPosition after) throws SQLException {
        String sql = "SELECT CAST(h.horizon AS text),"
                + " (SELECT count(*) FROM (SELECT FROM " + events + " WHERE (tx_id, global_position) > ("
                + TRANSACTION_PARAMETER + ", ?) AND tx_id >= h.horizon LIMIT " + (COUNT_CAP + 1) + ") AS waiting),"
                + " a.pid, a.state, a.xact_start, a.application_name, CAST(a.client_addr AS text), p.gid, p.prepared,"
                + " EXTRACT(EPOCH FROM clock_timestamp() - COALESCE(a.xact_start, p.prepared))"
                + " FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon) AS h"
                + " LEFT JOIN pg_stat_activity AS a ON a.backend_xid = " + HORIZON_XID
                + " LEFT JOIN pg_prepared_xacts AS p ON p.transaction = " + HORIZON_XID
                + " LIMIT 1";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, after.transaction());
            statement.setLong(2, after.position());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || row.getLong(2) == 0) {
                    return "";
                }
                double openSeconds = row.getDouble(10);
                if (!row.wasNull() && openSeconds < REPORT_AFTER_SECONDS) {
                    return "";
                }
                long waiting = row.getLong(2);
                String count = waiting > COUNT_CAP ? "more than " + COUNT_CAP + " committed events"
                        : waiting + " committed event" + (waiting == 1 ? "" : "s");
                return describe(row) + " holds back " + count + " of " + events + "; reading resumes when it commits"
                        + " or rolls back";
            }
        }
    }

    private static String describe(ResultSet row) throws SQLException {
        String xid = row.getString(1);
        if (row.getString(8) != null) {
            return "prepared transaction '" + row.getString(8) + "' (xid " + xid + ", prepared at "
                    + row.getObject(9, OffsetDateTime.class).toInstant() + "; COMMIT PREPARED or ROLLBACK PREPARED it)";
        }
        if (row.getObject(3) == null) {
            return "transaction " + xid + " (not in pg_stat_activity: it has just ended, or it belongs to a role"
                    + " this one may not see; grant pg_read_all_stats to see it)";
        }
        OffsetDateTime since = row.getObject(5, OffsetDateTime.class);
        String application = row.getString(6);
        String client = row.getString(7);
        return "transaction " + xid + " (pid " + row.getInt(3) + ", " + row.getString(4)
                + (since == null ? "" : ", open since " + since.toInstant())
                + (application == null || application.isEmpty() ? "" : ", application '" + application + "'")
                + (client == null ? "" : ", client " + client)
                + ("idle in transaction".equals(row.getString(4))
                        ? "; idle_in_transaction_session_timeout would end such a session" : "")
                + ")";
    }
}
