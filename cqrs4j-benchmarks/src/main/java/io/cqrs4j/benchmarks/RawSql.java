// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.jdbc.EventTables;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The statements and helpers the raw JDBC baselines share: the same SQL text the framework's
 * repository sends (standard SQL, JSON bound through the {@link SqlTarget}), JSON written by
 * string concatenation and the balance read back by a scan, so the baseline costs what the
 * database costs and little else.
 */
final class RawSql {

    static final String TYPE = "account";

    final SqlTarget target;
    final String selectEvents;
    final String selectSnapshot;
    final String insertEvent;
    final String insertSnapshot;
    final String updateSnapshot;

    RawSql(SqlTarget target, EventTables tables) {
        this.target = target;
        String events = tables.events();
        String snapshots = tables.snapshots();
        selectEvents = "SELECT aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata"
                + " FROM " + events + " WHERE aggregate_type = ? AND aggregate_id = ? AND sequence > ? ORDER BY sequence";
        selectSnapshot = "SELECT last_sequence, current_snapshot, payload FROM " + snapshots
                + " WHERE aggregate_type = ? AND aggregate_id = ? ORDER BY last_sequence DESC LIMIT 1";
        insertEvent = "INSERT INTO " + events + " (aggregate_type, aggregate_id, sequence, event_type, event_version,"
                + " payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)";
        insertSnapshot = "INSERT INTO " + snapshots
                + " (aggregate_type, aggregate_id, last_sequence, current_snapshot, payload) VALUES (?, ?, ?, ?, ?)";
        updateSnapshot = "UPDATE " + snapshots + " SET last_sequence = ?, current_snapshot = ?, payload = ?"
                + " WHERE aggregate_type = ? AND aggregate_id = ? AND current_snapshot = ?";
    }

    /** The amount a deposit adds (positive) or a withdrawal takes (negative). */
    static BigDecimal signedAmount(BankAccountCommand command) {
        return switch (command) {
            case DepositMoney d -> d.amount();
            case WithdrawMoney w -> w.amount().negate();
            default -> throw new IllegalArgumentException("the load runs only deposit and withdraw, not " + command);
        };
    }

    /** The balance after {@code command}, or a rejection when it would be negative. */
    static BigDecimal after(BigDecimal balance, BankAccountCommand command) {
        BigDecimal after = balance.add(signedAmount(command));
        if (after.signum() < 0) {
            throw new CommandRejectedException("funds not available");
        }
        return after;
    }

    /** The event payload JSON, as the Jackson serializer writes it. */
    static String eventJson(BankAccountCommand command, BigDecimal balance) {
        return switch (command) {
            case DepositMoney d -> "{\"CustomerDepositedMoney\":{\"amount\":" + d.amount().toPlainString()
                    + ",\"balance\":" + balance.toPlainString() + "}}";
            case WithdrawMoney w -> "{\"CustomerWithdrewCash\":{\"amount\":" + w.amount().toPlainString()
                    + ",\"balance\":" + balance.toPlainString() + "}}";
            default -> throw new IllegalArgumentException("the load runs only deposit and withdraw, not " + command);
        };
    }

    static String eventType(BankAccountCommand command) {
        return command instanceof DepositMoney ? "CustomerDepositedMoney" : "CustomerWithdrewCash";
    }

    /** The aggregate JSON, as the Jackson serializer writes a snapshot. */
    static String stateJson(String accountId, BigDecimal balance) {
        return "{\"account_id\":\"" + accountId + "\",\"balance\":" + balance.toPlainString() + ",\"open\":true}";
    }

    /** The number after {@code "balance":} in a payload or snapshot; zero when there is none (AccountOpened). */
    static BigDecimal balanceIn(String json) {
        int at = json.lastIndexOf("\"balance\":");
        if (at < 0) {
            return BigDecimal.ZERO;
        }
        int from = at + 10;
        int to = from;
        while (to < json.length() && "-0123456789.eE+".indexOf(json.charAt(to)) >= 0) {
            to++;
        }
        return new BigDecimal(json.substring(from, to));
    }

    void insertEvent(Connection connection, String accountId, long sequence, BankAccountCommand command,
                     BigDecimal balance) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertEvent)) {
            insert.setString(1, TYPE);
            insert.setString(2, accountId);
            insert.setLong(3, sequence);
            insert.setString(4, eventType(command));
            insert.setString(5, "1.0");
            target.setJson(insert, 6, eventJson(command, balance));
            target.setJson(insert, 7, FrameworkWorkload.METADATA_JSON);
            insert.executeUpdate();
        }
    }

    /** The last sequence and balance among the events after {@code afterSequence}; {@code start} when none. */
    Tail readEvents(Connection connection, String accountId, long afterSequence, Tail start) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(selectEvents)) {
            select.setString(1, TYPE);
            select.setString(2, accountId);
            select.setLong(3, afterSequence);
            try (ResultSet rows = select.executeQuery()) {
                long sequence = start.sequence();
                String payload = null;
                while (rows.next()) {
                    rows.getString(1);
                    rows.getString(2);
                    sequence = rows.getLong(3);
                    rows.getString(4);
                    rows.getString(5);
                    payload = rows.getString(6);
                    rows.getString(7);
                }
                return payload == null ? start : new Tail(sequence, balanceIn(payload));
            }
        }
    }

    /** The stored snapshot, or null. */
    Snapshot readSnapshot(Connection connection, String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(selectSnapshot)) {
            select.setString(1, TYPE);
            select.setString(2, accountId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Snapshot(rows.getLong(1), rows.getLong(2), balanceIn(rows.getString(3))) : null;
            }
        }
    }

    /** Writes the snapshot {@code version} (insert for 1, compare-and-set update after); false on a conflict. */
    boolean writeSnapshot(Connection connection, String accountId, long sequence, long version, BigDecimal balance)
            throws SQLException {
        if (version == 1) {
            try (PreparedStatement insert = connection.prepareStatement(insertSnapshot)) {
                insert.setString(1, TYPE);
                insert.setString(2, accountId);
                insert.setLong(3, sequence);
                insert.setLong(4, version);
                target.setJson(insert, 5, stateJson(accountId, balance));
                return insert.executeUpdate() == 1;
            }
        }
        try (PreparedStatement update = connection.prepareStatement(updateSnapshot)) {
            update.setLong(1, sequence);
            update.setLong(2, version);
            target.setJson(update, 3, stateJson(accountId, balance));
            update.setString(4, TYPE);
            update.setString(5, accountId);
            update.setLong(6, version - 1);
            return update.executeUpdate() == 1;
        }
    }

    /** A conflict for {@code error} when the target calls it one, else an unchecked wrapper. */
    RuntimeException translate(SQLException error, String accountId) {
        if (target.isConflict(error)) {
            return new AggregateConflictException("raw " + accountId + ": " + error.getMessage(), null);
        }
        return new IllegalStateException("raw SQL failed on " + accountId + ": " + error.getMessage(), error);
    }

    /**
     * The last event read.
     *
     * @param sequence its sequence
     * @param balance the balance it holds
     */
    record Tail(long sequence, BigDecimal balance) {
        static final Tail NONE = new Tail(0, BigDecimal.ZERO);
    }

    /**
     * A stored snapshot.
     *
     * @param lastSequence the sequence it was built from
     * @param version its version
     * @param balance the balance it holds
     */
    record Snapshot(long lastSequence, long version, BigDecimal balance) {
    }
}
