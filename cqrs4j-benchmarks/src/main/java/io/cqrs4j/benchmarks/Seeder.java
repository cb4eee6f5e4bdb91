// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes histories straight into the tables, many rows per statement, as the framework would have
 * stored them (the JSON comes from the same serializer): an account is opened and then receives
 * deposits of 1, so after n events its balance is n - 1.
 */
final class Seeder {

    static final JacksonEventSerializer<BankAccount, BankAccountEvent> SERIALIZER =
            JacksonEventSerializer.of(BankAccount::initial);

    private static final int ROWS_PER_STATEMENT = 1_000;

    private Seeder() {
    }

    /** Events {@code from..to} (inclusive) of {@code accountId}'s history. */
    static List<SerializedEvent> history(String accountId, long from, long to) {
        var events = new ArrayList<SerializedEvent>((int) (to - from + 1));
        String metadata = FrameworkWorkload.METADATA_JSON;
        for (long sequence = from; sequence <= to; sequence++) {
            BankAccountEvent event = sequence == 1 ? new AccountOpened(accountId)
                    : new CustomerDepositedMoney(BigDecimal.ONE, BigDecimal.valueOf(sequence - 1));
            events.add(new SerializedEvent(BankAccount.TYPE, accountId, sequence, event.eventType(),
                    event.eventVersion(), SERIALIZER.serializeEvent(event), metadata));
        }
        return events;
    }

    /** The snapshot of {@code accountId} after {@code events} events of its history. */
    static SerializedSnapshot snapshot(String accountId, long events, long version) {
        var state = new BankAccount(accountId, BigDecimal.valueOf(events - 1), true);
        return new SerializedSnapshot(BankAccount.TYPE, accountId, SERIALIZER.serializeAggregate(state), events, version);
    }

    static void insertEvents(SqlTarget target, EventTables tables, List<SerializedEvent> events) {
        String head = "INSERT INTO " + tables.events()
                + " (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) VALUES ";
        insert(target, head, "(?, ?, ?, ?, ?, ?, ?)", events, (statement, at, event) -> {
            statement.setString(at, event.aggregateType());
            statement.setString(at + 1, event.aggregateId());
            statement.setLong(at + 2, event.sequence());
            statement.setString(at + 3, event.eventType());
            statement.setString(at + 4, event.eventVersion());
            target.setJson(statement, at + 5, event.payload());
            target.setJson(statement, at + 6, event.metadata());
            return at + 7;
        });
    }

    static void insertSnapshots(SqlTarget target, EventTables tables, List<SerializedSnapshot> snapshots) {
        String head = "INSERT INTO " + tables.snapshots()
                + " (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload) VALUES ";
        insert(target, head, "(?, ?, ?, ?, ?)", snapshots, (statement, at, snapshot) -> {
            statement.setString(at, snapshot.aggregateType());
            statement.setString(at + 1, snapshot.aggregateId());
            statement.setLong(at + 2, snapshot.lastSequence());
            statement.setLong(at + 3, snapshot.snapshotVersion());
            target.setJson(statement, at + 4, snapshot.payload());
            return at + 5;
        });
    }

    @FunctionalInterface
    private interface RowBinder<T> {
        int bind(PreparedStatement statement, int at, T row) throws SQLException;
    }

    private static <T> void insert(SqlTarget target, String head, String row, List<T> rows, RowBinder<T> binder) {
        try (Connection connection = target.pool().getConnection()) {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<T> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                String sql = head + String.join(", ", java.util.Collections.nCopies(chunk.size(), row));
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    int at = 1;
                    for (T each : chunk) {
                        at = binder.bind(statement, at, each);
                    }
                    statement.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
        }
    }
}
