// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.jdbc.GlobalOrder;
import io.cqrs4j.jdbc.SqlDialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.Set;

/**
 * PostgreSQL as postgres-es uses it. JSON is bound as an untyped parameter, so the server casts it
 * to the column's type: {@code json} or {@code jsonb}. SQLSTATE 23505 is a duplicate key. The
 * global order is the snapshot horizon ({@link PostgresGlobalOrder}); leases are judged on
 * {@code clock_timestamp()}.
 */
final class PostgresDialect implements SqlDialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
    private static final Set<String> CONNECTION_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    /** serialization_failure, deadlock_detected. */
    private static final Set<String> TRANSACTION_CONFLICT_STATES = Set.of("40001", "40P01");

    private final String eventTablesScript = resource("event-tables.sql");
    private final String viewTableScript = resource("view-table.sql");

    private PostgresDialect() {
    }

    @Override
    public String databaseName() {
        return "PostgreSQL";
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
    public void setJson(PreparedStatement statement, int index, String json) throws SQLException {
        statement.setObject(index, json, Types.OTHER);
    }

    @Override
    public boolean isDuplicateKey(SQLException error) {
        return "23505".equals(error.getSQLState());
    }

    @Override
    public boolean isConnectionFailure(SQLException error) {
        return CONNECTION_STATES.contains(error.getSQLState());
    }

    @Override
    public boolean isTransactionConflict(SQLException error) {
        return TRANSACTION_CONFLICT_STATES.contains(error.getSQLState());
    }

    @Override
    public Optional<GlobalOrder> globalOrder() {
        return Optional.of(PostgresGlobalOrder.INSTANCE);
    }

    /** Payloads as text: a postgres-es table may hold {@code json} where another holds {@code jsonb}. */
    @Override
    public String selectSnapshotAndEvents(String snapshots, String events) {
        return SqlDialect.snapshotAndEvents(snapshots, events, false, PostgresDialect::asText);
    }

    @Override
    public String selectSnapshotAndEventsWithPosition(String snapshots, String events) {
        return SqlDialect.snapshotAndEvents(snapshots, events, true, PostgresDialect::asText);
    }

    private static String asText(String column) {
        return "CAST(" + column + " AS TEXT)";
    }

    @Override
    public String databaseClockMillis() {
        return "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS bigint)";
    }

    static String resource(String name) {
        try (InputStream in = PostgresDialect.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/cqrs4j/postgres/" + name + " is missing from cqrs4j-postgres");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/cqrs4j/postgres/" + name, e);
        }
    }
}
