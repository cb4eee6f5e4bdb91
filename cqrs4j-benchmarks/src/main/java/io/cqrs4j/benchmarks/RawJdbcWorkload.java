// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.benchmarks.RawSql.Snapshot;
import io.cqrs4j.benchmarks.RawSql.Tail;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import io.cqrs4j.jdbc.EventTables;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The raw JDBC baseline: per command, one connection from the same pool and one transaction that
 * reads what the mode needs and inserts the new event (and writes the snapshot or stored
 * aggregate the mode keeps). A duplicate key is a conflict, as in the framework.
 */
final class RawJdbcWorkload implements Workload {

    /** What the baseline reads and writes per command. */
    enum Shape {
        /** Read all the account's events, insert one. */
        EVENT_SOURCED,
        /** Read the snapshot and the events after it, insert one, update the snapshot every 100. */
        SNAPSHOT_EVERY_100,
        /** Read the stored aggregate, insert one event, replace the stored aggregate. */
        AGGREGATE_STORE,
        /** Read nothing (the state is in memory, as with the aggregate cache), insert one event. */
        SINGLE_INSERT
    }

    private static final int SNAPSHOT_EVERY = 100;

    private final DataSource pool;
    private final RawSql sql;
    private final Shape shape;
    private final boolean immediate;
    /** The single-insert baseline's in-memory state, its equivalent of the aggregate cache. */
    private final ConcurrentHashMap<String, Tail> states = new ConcurrentHashMap<>();

    RawJdbcWorkload(SqlTarget target, EventTables tables, Shape shape) {
        this.pool = target.pool();
        this.sql = new RawSql(target, tables);
        this.shape = shape;
        this.immediate = target.rawBeginsImmediate();
    }

    @Override
    public void execute(String accountId, BankAccountCommand command) {
        try (Connection connection = pool.getConnection()) {
            if (immediate) {
                executeImmediate(connection, accountId, command);
                return;
            }
            connection.setAutoCommit(false);
            try {
                transaction(connection, accountId, command);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (shape == Shape.SINGLE_INSERT) {
                states.remove(accountId);
            }
            throw sql.translate(e, accountId);
        }
    }

    /** The transaction as SQL statements on an auto-commit connection, taking the write lock first. */
    private void executeImmediate(Connection connection, String accountId, BankAccountCommand command)
            throws SQLException {
        try (Statement control = connection.createStatement()) {
            control.execute("BEGIN IMMEDIATE");
            try {
                transaction(connection, accountId, command);
                control.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                control.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private void transaction(Connection connection, String accountId, BankAccountCommand command) throws SQLException {
        switch (shape) {
            case EVENT_SOURCED -> {
                Tail last = sql.readEvents(connection, accountId, 0, Tail.NONE);
                sql.insertEvent(connection, accountId, last.sequence() + 1, command, RawSql.after(last.balance(), command));
            }
            case SNAPSHOT_EVERY_100 -> snapshotting(connection, accountId, command);
            case AGGREGATE_STORE -> {
                Snapshot stored = sql.readSnapshot(connection, accountId);
                long sequence = stored.lastSequence() + 1;
                BigDecimal balance = RawSql.after(stored.balance(), command);
                sql.insertEvent(connection, accountId, sequence, command, balance);
                if (!sql.writeSnapshot(connection, accountId, sequence, stored.version() + 1, balance)) {
                    throw new AggregateConflictException("raw " + accountId + ": stored aggregate changed", null);
                }
            }
            case SINGLE_INSERT -> {
                Tail state = states.get(accountId);
                if (state == null) {
                    state = sql.readEvents(connection, accountId, 0, Tail.NONE);
                }
                BigDecimal balance = RawSql.after(state.balance(), command);
                sql.insertEvent(connection, accountId, state.sequence() + 1, command, balance);
                states.put(accountId, new Tail(state.sequence() + 1, balance));
            }
        }
    }

    private void snapshotting(Connection connection, String accountId, BankAccountCommand command) throws SQLException {
        Snapshot stored = sql.readSnapshot(connection, accountId);
        Tail start = stored == null ? Tail.NONE : new Tail(stored.lastSequence(), stored.balance());
        Tail last = sql.readEvents(connection, accountId, start.sequence(), start);
        long sequence = last.sequence() + 1;
        BigDecimal balance = RawSql.after(last.balance(), command);
        sql.insertEvent(connection, accountId, sequence, command, balance);
        if (sequence % SNAPSHOT_EVERY == 0) {
            long version = stored == null ? 1 : stored.version() + 1;
            if (!sql.writeSnapshot(connection, accountId, sequence, version, balance)) {
                throw new AggregateConflictException("raw " + accountId + ": snapshot changed", null);
            }
        }
    }
}
