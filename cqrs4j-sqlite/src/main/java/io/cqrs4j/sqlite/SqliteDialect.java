// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.jdbc.GlobalOrder;
import io.cqrs4j.jdbc.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite through sqlite-jdbc, which reports SQLite's extended result codes. Only a primary-key
 * violation ({@code SQLITE_CONSTRAINT_PRIMARYKEY}) is a duplicate key; a NOT NULL or CHECK
 * violation is not. A write lock that stays taken for longer than the busy timeout
 * ({@code SQLITE_BUSY}) means the database is not available now, as does a file that cannot be
 * opened or read; a snapshot that went stale under a write, or a table locked inside the process,
 * is a transaction conflict, which a retry cures.
 *
 * <p>Durable projections: the global order is {@link SqliteGlobalOrder} (positions taken under the
 * single write lock), leases are claimed with the default {@code INSERT ... ON CONFLICT ...
 * RETURNING} on SQLite's clock.
 */
final class SqliteDialect implements SqlDialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    /** Primary result codes: the extended codes (SQLITE_IOERR_READ, ...) share them in their low byte. */
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CANTOPEN = 14;
    /** SQLite's clock in epoch milliseconds; 'now' is fixed for the whole statement. */
    private static final String CLOCK = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    private final String eventTablesScript = resource("event-tables.sql");
    private final String viewTableScript = resource("view-table.sql");

    private SqliteDialect() {
    }

    @Override
    public String databaseName() {
        return "SQLite";
    }

    @Override
    public String eventTablesScript() {
        return eventTablesScript;
    }

    @Override
    public String viewTableScript() {
        return viewTableScript;
    }

    @Override
    public boolean isDuplicateKey(SQLException error) {
        return resultCode(error) == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    @Override
    public boolean isConnectionFailure(SQLException error) {
        SQLiteErrorCode code = resultCode(error);
        if (code == null || code == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) {
            return false;
        }
        int primary = code.code & 0xff;
        return primary == SQLITE_BUSY || primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR;
    }

    @Override
    public boolean isTransactionConflict(SQLException error) {
        SQLiteErrorCode code = resultCode(error);
        return code == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT || (code != null && (code.code & 0xff) == SQLITE_LOCKED);
    }

    @Override
    public Optional<GlobalOrder> globalOrder() {
        return Optional.of(SqliteGlobalOrder.INSTANCE);
    }

    @Override
    public String databaseClockMillis() {
        return CLOCK;
    }

    /** The extended result code, or null when the error does not come from SQLite. */
    private static SQLiteErrorCode resultCode(SQLException error) {
        return error instanceof SQLiteException sqlite ? sqlite.getResultCode() : null;
    }

    static String resource(String name) {
        try (InputStream in = SqliteDialect.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/cqrs4j/sqlite/" + name + " is missing from cqrs4j-sqlite");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/cqrs4j/sqlite/" + name, e);
        }
    }
}
