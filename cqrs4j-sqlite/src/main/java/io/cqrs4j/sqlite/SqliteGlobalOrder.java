// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.jdbc.PositionOnlyOrder;

/**
 * The single-writer order on SQLite: an {@code AFTER INSERT} trigger gives every event without a
 * position {@code MAX(global_position) + 1}, under the database's one write lock, so positions
 * are taken in commit order and a reader that reads {@code global_position > checkpoint} never
 * skips an event; it numbers rows from any writer, not only cqrs4j. The transaction part is 0.
 * Its {@link #migrationScript()} is idempotent and expects the columns to exist: SQLite has no
 * {@code ADD COLUMN IF NOT EXISTS}, so {@link SqliteCqrs#upgradeSchema} adds them first when they
 * are missing. See {@code docs/adr/07-global-order-mysql-sqlite.md}.
 */
final class SqliteGlobalOrder implements PositionOnlyOrder {

    static final SqliteGlobalOrder INSTANCE = new SqliteGlobalOrder();

    private final String migrationScript = SqliteDialect.resource("global-order.sql");

    private SqliteGlobalOrder() {
    }

    @Override
    public String migrationScript() {
        return migrationScript;
    }

    @Override
    public String selectLog(String events) {
        return "SELECT 0, global_position, recorded_at,"
                + " aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata"
                + " FROM " + events + " WHERE global_position > ? ORDER BY global_position LIMIT ?";
    }
}
