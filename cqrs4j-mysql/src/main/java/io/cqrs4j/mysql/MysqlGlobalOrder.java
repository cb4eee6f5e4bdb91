// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.jdbc.PositionOnlyOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The sequencer-row order on MySQL and MariaDB, which have no snapshot horizon: every append
 * through cqrs4j first locks the one row of {@code <events>_sequencer} in its transaction, so
 * appends commit one at a time and the {@code AUTO_INCREMENT global_position} of a later append is
 * always greater than that of every earlier one. The log is read with a locking read
 * ({@code LOCK IN SHARE MODE}), which reads the latest committed rows rather than a snapshot and
 * waits for an append still in flight: a plain consistent read was seen, on MariaDB 10.11 under
 * load, to show a later append before an earlier one had become visible to new snapshots, so it
 * can skip; the locking read cannot. Reading {@code global_position > checkpoint} therefore never
 * skips an event; an append held open holds the reader until it ends (at most
 * {@code innodb_lock_wait_timeout}, then the read fails and is retried). The transaction part is 0. The price:
 * appends are serialised across aggregates. Writers that bypass the sequencer (mysql-es) are not
 * covered; see {@code docs/adr/07-global-order-mysql-sqlite.md}.
 */
final class MysqlGlobalOrder implements PositionOnlyOrder {

    static final MysqlGlobalOrder INSTANCE = new MysqlGlobalOrder();

    private final String migrationScript = MysqlDialect.resource("global-order.sql");

    private MysqlGlobalOrder() {
    }

    @Override
    public String migrationScript() {
        return migrationScript;
    }

    @Override
    public boolean locksOnAppend() {
        return true;
    }

    @Override
    public void beforeAppend(Connection connection, String events) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int updated = statement.executeUpdate("UPDATE " + events + "_sequencer SET appends = appends + 1 WHERE id = 1");
            if (updated != 1) {
                throw new SQLException("MySQL/MariaDB: the sequencer row of " + events + " is missing from "
                        + events + "_sequencer, so appends cannot be put in commit order; run"
                        + " MysqlCqrs.upgradeSchema for " + events + ", which creates it");
            }
        }
    }

    @Override
    public String selectLog(String events) {
        return "SELECT 0, global_position, CAST(UNIX_TIMESTAMP(recorded_at) * 1000 AS SIGNED),"
                + " aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata"
                + " FROM " + events + " WHERE global_position > ? ORDER BY global_position LIMIT ? LOCK IN SHARE MODE";
    }
}
