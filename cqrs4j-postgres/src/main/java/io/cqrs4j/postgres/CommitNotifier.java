// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners ({@link PostgresEventLog}) that events were committed to a table: after each
 * commit, a virtual thread sends {@code pg_notify} in a transaction of its own, never inside the
 * commit. The first commit after a quiet spell is notified at once; commits that arrive while one
 * is being sent, or in the {@value #SPACING_MILLIS} ms after it, are covered by one more: at most
 * {@code 1000 / SPACING_MILLIS} notifications a second, however many commits arrive.
 *
 * <p>Why not a trigger or a {@code NOTIFY} in the commit: PostgreSQL serialises the commits of
 * every transaction that notified on a database-wide lock, held until the commit is flushed, so
 * concurrent appends lose their group commit (measured in {@code docs/adr/06-global-order.md}).
 * The separate transaction takes that lock alone, and skips waiting for its flush
 * ({@code synchronous_commit = off}, for that transaction only): a lost notification costs one
 * polling interval, never an event.
 */
final class CommitNotifier {

    /** The channel of an events table is this prefix and the table's oid. */
    static final String CHANNEL_PREFIX = "cqrs4j_events_";

    private static final Logger LOG = LoggerFactory.getLogger(CommitNotifier.class);
    /**
     * The least time between two notifications: without it, under load, the notifier was a ninth
     * writer; at 10 ms it still cost about 7 % of commit throughput (ADR 06). A reader under load
     * reads whole batches, so 25 ms more latency at most is cheaper than 100 transactions a second.
     */
    static final long SPACING_MILLIS = 25;

    private static final int IDLE = 0;
    private static final int SENDING = 1;
    private static final int SENDING_AND_PENDING = 2;

    private final DataSource dataSource;
    private final String table;
    private final String notify;
    private final AtomicInteger state = new AtomicInteger(IDLE);

    CommitNotifier(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
        this.notify = "SELECT set_config('synchronous_commit', 'off', true),"
                + " pg_notify('" + CHANNEL_PREFIX + "' || CAST(CAST(to_regclass(?) AS oid) AS text), '')";
    }

    /** Events were committed: make sure a notification follows. Never blocks. */
    void committed() {
        while (true) {
            int current = state.get();
            if (current == SENDING_AND_PENDING
                    || (current == SENDING && state.compareAndSet(SENDING, SENDING_AND_PENDING))) {
                return;
            }
            if (current == IDLE && state.compareAndSet(IDLE, SENDING)) {
                Thread.ofVirtual().name("cqrs4j-notify-" + table).start(this::drain);
                return;
            }
        }
    }

    private void drain() {
        do {
            state.set(SENDING);
            send();
            try {
                Thread.sleep(SPACING_MILLIS);
            } catch (InterruptedException e) {
                state.set(IDLE);
                return;
            }
        } while (!state.compareAndSet(SENDING, IDLE));
    }

    private void send() {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(notify)) {
                statement.setString(1, table);
                statement.execute();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            // listeners fall back to polling: slower, never wrong
            LOG.debug("PostgreSQL: could not notify listeners of new events in {} ({})", table, e.getMessage());
        }
    }
}
