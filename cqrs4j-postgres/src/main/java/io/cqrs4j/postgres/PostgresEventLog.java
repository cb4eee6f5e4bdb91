// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC event log with {@link #awaitNewEvents} woken by {@code LISTEN}: a virtual thread holds
 * one connection of the pool, listening on the events table's channel
 * ({@link CommitNotifier#CHANNEL_PREFIX} and the table's oid), and wakes every waiter when a
 * notification arrives. It starts with the first wait and stops (UNLISTEN, the connection back to
 * the pool) after a minute without waiters. Without it (the connection failed, nobody notifies)
 * a wait lasts its timeout: polling, so the latency is bounded by the caller's timeout whatever
 * happens to notifications.
 *
 * <p>A thread's wait returns at once when a notification arrived since its previous wait, so
 * one that lands between a read and the next wait is not missed.
 */
final class PostgresEventLog implements EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventLog.class);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long RESTART_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int RECEIVE_MILLIS = 500;

    private final EventLog log;
    private final DataSource dataSource;
    private final String table;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notified = lock.newCondition();
    private final ThreadLocal<Long> seen = new ThreadLocal<>();
    // guarded by lock
    private long notifications;
    private boolean listening;
    private int waiting;
    private long lastWait;
    private long lastStart = System.nanoTime() - RESTART_NANOS;
    private boolean failing;

    PostgresEventLog(EventLog log, DataSource dataSource, String table) {
        this.log = log;
        this.dataSource = dataSource;
        this.table = table;
    }

    @Override
    public LogBatch read(LogPosition after, int limit) {
        return log.read(after, limit);
    }

    @Override
    public long countAfter(LogPosition after) {
        return log.countAfter(after);
    }

    @Override
    public void awaitNewEvents(Duration timeout) throws InterruptedException {
        long remaining = Math.max(0, timeout.toNanos());
        lock.lock();
        try {
            lastWait = System.nanoTime();
            startListening();
            Long last = seen.get();
            if (last == null || last != notifications) {
                seen.set(notifications);
                return;
            }
            waiting++;
            try {
                while (notifications == last && remaining > 0) {
                    remaining = notified.awaitNanos(remaining);
                }
            } finally {
                waiting--;
                lastWait = System.nanoTime();
            }
            seen.set(notifications);
        } finally {
            lock.unlock();
        }
    }

    /** Starts the listener unless it runs, at most once a second after a failure. Holds the lock. */
    private void startListening() {
        long now = System.nanoTime();
        if (listening || now - lastStart < RESTART_NANOS || poolClosed()) {
            return;
        }
        listening = true;
        lastStart = now;
        Thread.ofVirtual().name("cqrs4j-listen-" + table).start(this::listen);
    }

    private void listen() {
        try (Connection connection = dataSource.getConnection()) {
            PGConnection postgres = connection.unwrap(PGConnection.class);
            String channel = channel(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
            }
            recovered(channel);
            wake(); // events committed before LISTEN took effect sent nothing to this session
            try {
                while (!idle()) {
                    PGNotification[] received = postgres.getNotifications(RECEIVE_MILLIS);
                    if (received != null && received.length > 0) {
                        wake();
                    }
                }
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *");
                }
            }
        } catch (SQLException | RuntimeException e) {
            failed(e);
        } finally {
            lock.lock();
            try {
                listening = false;
            } finally {
                lock.unlock();
            }
        }
    }

    private String channel(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT '" + CommitNotifier.CHANNEL_PREFIX + "' || CAST(CAST(to_regclass(?) AS oid) AS text)")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                String channel = row.next() ? row.getString(1) : null;
                if (channel == null) {
                    throw new SQLException("table " + table + " does not exist");
                }
                return channel;
            }
        }
    }

    private boolean idle() {
        lock.lock();
        try {
            return waiting == 0 && System.nanoTime() - lastWait > IDLE_NANOS;
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            notifications++;
            notified.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void recovered(String channel) {
        lock.lock();
        try {
            if (failing) {
                LOG.info("PostgreSQL: listening for new events of {} on channel {} again", table, channel);
            }
            failing = false;
        } finally {
            lock.unlock();
        }
    }

    private boolean poolClosed() {
        return dataSource instanceof HikariDataSource pool && pool.isClosed();
    }

    private void failed(Exception e) {
        if (poolClosed()) {
            LOG.debug("PostgreSQL: stopped listening for new events of {}: the pool was closed", table);
            return;
        }
        lock.lock();
        try {
            if (!failing) {
                LOG.warn("PostgreSQL: listening for new events of {} failed ({}); waits last their full timeout"
                        + " (polling) until listening works again", table, e.getMessage());
            }
            failing = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return log + " with LISTEN";
    }
}
