// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.Aggregate;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.jdbc.JdbcStorage;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.ProjectionStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * cqrs4j on SQLite: one database file holding the events, the snapshots and the views, with no
 * server to run. The tables have the columns of postgres-es ({@code events}, {@code snapshots},
 * one table per view).
 *
 * {@snippet :
 * HikariDataSource pool = SqliteCqrs.pool(Path.of("bank.db"));
 * SqliteCqrs.createSchema(pool);
 * PersistedEventStore<BankAccount, BankAccountEvent> store =
 *         SqliteCqrs.snapshotting(pool, JacksonEventSerializer.of(BankAccount::initial), 100);
 * }
 *
 * <p>Many threads of one process may write at once. Use the {@link #pool(Path)} of this class: it
 * keeps the file in WAL mode, so reads never wait for the writer, and gives every connection a busy
 * timeout, so writers queue for SQLite's single write lock instead of failing. A commit at a
 * sequence another command took is an {@link io.cqrs4j.AggregateConflictException}; a write lock
 * held elsewhere for longer than the busy timeout, or a file that cannot be opened, is a
 * {@link io.cqrs4j.DatabaseConnectionException}.
 *
 * <p>Durable projections read the {@link #eventLog} and keep their state in a
 * {@link #projectionStore}. SQLite's single writer puts events in commit order: a trigger gives
 * every inserted event the next {@code global_position} under the write lock, so a reader never
 * skips one, whichever program wrote it (see {@code docs/adr/07-global-order-mysql-sqlite.md}).
 */
public final class SqliteCqrs {

    private SqliteCqrs() {
    }

    /**
     * A store whose only source of truth is the events, in the tables {@code events} and {@code snapshots}.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param serializer the aggregate's serializer
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> eventSourced(
            DataSource dataSource, EventSerializer<A, E> serializer) {
        return PersistedEventStore.eventSourced(eventRepository(dataSource), serializer);
    }

    /**
     * A store that snapshots the aggregate every {@code every} events, in the default tables.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param serializer the aggregate's serializer
     * @param every the snapshot interval, at least 1
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> snapshotting(
            DataSource dataSource, EventSerializer<A, E> serializer, int every) {
        return PersistedEventStore.snapshotting(eventRepository(dataSource), serializer, every);
    }

    /**
     * A store that keeps the current aggregate beside its events, in the default tables.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param serializer the aggregate's serializer
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the store
     */
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> PersistedEventStore<A, E> aggregateStore(
            DataSource dataSource, EventSerializer<A, E> serializer) {
        return PersistedEventStore.aggregateStore(eventRepository(dataSource), serializer);
    }

    /**
     * The repository of the tables {@code events} and {@code snapshots}, for {@link PersistedEventStore}
     * and {@link io.cqrs4j.persist.QueryReplay}.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @return the repository
     */
    public static PersistedEventRepository eventRepository(DataSource dataSource) {
        return eventRepository(dataSource, EventTables.defaults());
    }

    /**
     * The repository of the given tables.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param tables the table names, such as {@code EventTables.withPrefix("bank_")}
     * @return the repository
     */
    public static PersistedEventRepository eventRepository(DataSource dataSource, EventTables tables) {
        return storage(dataSource).eventRepository(tables);
    }

    /**
     * The repository of the views in {@code table} ({@code view_id}, {@code version}, {@code payload}).
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param table the view table: letters, digits and underscores
     * @param serializer how a view becomes JSON
     * @param <V> the view type
     * @return the repository
     * @throws IllegalArgumentException when {@code table} is not a plain identifier
     */
    public static <V> ViewRepository<V> viewRepository(DataSource dataSource, String table, ViewSerializer<V> serializer) {
        return storage(dataSource).viewRepository(table, serializer);
    }

    /**
     * The events of the table {@code events} in their global order, for durable projections.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @return the log
     */
    public static EventLog eventLog(DataSource dataSource) {
        return eventLog(dataSource, EventTables.defaults());
    }

    /**
     * The events of the given table in their global order ({@code global_position}, taken under
     * the single write lock, so in commit order): none is ever skipped and nothing committed is
     * held back. {@link EventLog#awaitNewEvents} polls. The table needs the global-order columns:
     * created by {@link #createSchema}, or added to an older table by {@link #upgradeSchema}.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param tables the table names (the snapshots table is not read)
     * @return the log
     */
    public static EventLog eventLog(DataSource dataSource, EventTables tables) {
        return storage(dataSource).eventLog(tables);
    }

    /**
     * The checkpoints, leases and parked events of durable projections, in the tables
     * {@code projection_checkpoints}, {@code projection_leases} and {@code projection_parked}.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @return the store
     */
    public static ProjectionStore projectionStore(DataSource dataSource) {
        return projectionStore(dataSource, ProjectionTables.defaults());
    }

    /**
     * The checkpoints, leases and parked events of durable projections, in the given tables.
     * Leases are judged on SQLite's clock (the machine's, as the file is local); a checkpoint write
     * carries the lease's fencing token and is refused once another instance took the lease over;
     * {@link ProjectionStore#applyAndCheckpoint} commits the checkpoint in one transaction with the
     * work's writes through this module's repositories on the same {@code dataSource}.
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param tables the table names
     * @return the store
     */
    public static ProjectionStore projectionStore(DataSource dataSource, ProjectionTables tables) {
        return storage(dataSource).projectionStore(tables);
    }

    /**
     * Creates the tables {@code events} and {@code snapshots} (with the global order) and the
     * projection tables unless they exist.
     *
     * @param dataSource the database
     */
    public static void createSchema(DataSource dataSource) {
        createSchema(dataSource, EventTables.defaults());
        createProjectionSchema(dataSource, ProjectionTables.defaults());
    }

    /**
     * Creates the given events and snapshots tables (with the global order) unless they exist.
     * An events table that exists without the global-order columns is left as it is: add them with
     * {@link #upgradeSchema}.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void createSchema(DataSource dataSource, EventTables tables) {
        JdbcStorage storage = storage(dataSource);
        storage.createEventTables(tables);
        if (hasGlobalPosition(dataSource, tables)) {
            storage.upgradeEventTables(tables);
        }
    }

    /**
     * Creates the projection tables unless they exist.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void createProjectionSchema(DataSource dataSource, ProjectionTables tables) {
        storage(dataSource).createProjectionTables(tables);
    }

    /**
     * Adds the global order ({@code global_position}, {@code recorded_at}, their index and the
     * trigger that numbers new events) to an events table created without it; idempotent. Existing
     * rows are numbered in primary-key order, which keeps each aggregate's order.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void upgradeSchema(DataSource dataSource, EventTables tables) {
        if (!hasGlobalPosition(dataSource, tables)) {
            execute(dataSource, "adding the global-order columns to " + tables.events(),
                    "ALTER TABLE " + tables.events() + " ADD COLUMN global_position INTEGER",
                    "ALTER TABLE " + tables.events() + " ADD COLUMN recorded_at INTEGER");
        }
        storage(dataSource).upgradeEventTables(tables);
    }

    /**
     * Creates a view table unless it exists.
     *
     * @param dataSource the database
     * @param table the view table, a plain identifier
     * @throws IllegalArgumentException when {@code table} is not a plain identifier
     */
    public static void createViewTable(DataSource dataSource, String table) {
        storage(dataSource).createViewTable(table);
    }

    /**
     * A connection pool to the database in {@code file}, created if it does not exist (its directory
     * must), in WAL mode, with a busy timeout of 30 seconds.
     * One pool per file is enough for a whole process; close it when the application stops.
     *
     * @param file the database file
     * @return the pool
     * @throws io.cqrs4j.DatabaseConnectionException when the file cannot be opened as a database
     */
    public static HikariDataSource pool(Path file) {
        return SqlitePool.open(file, SqlitePool.DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    /** Whether the events table has the {@code global_position} column. */
    private static boolean hasGlobalPosition(DataSource dataSource, EventTables tables) {
        String doing = "reading the columns of " + tables.events();
        try (Connection connection = connect(dataSource, doing);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + tables.events() + " WHERE 1 = 0")) {
            ResultSetMetaData columns = rows.getMetaData();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                if ("global_position".equalsIgnoreCase(columns.getColumnLabel(i))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new UnexpectedException("SQLite: " + doing + " failed (" + e.getMessage() + "); check that the table"
                    + " exists (SqliteCqrs.createSchema creates it)", e);
        }
    }

    /** Runs statements in one transaction. */
    private static void execute(DataSource dataSource, String doing, String... statements) {
        try (Connection connection = connect(dataSource, doing)) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new UnexpectedException("SQLite: " + doing + " failed (" + e.getMessage() + "); nothing was changed,"
                    + " check that the file is writable and the table exists", e);
        }
    }

    private static Connection connect(DataSource dataSource, String doing) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseConnectionException("SQLite: cannot get a connection for " + doing + " ("
                    + e.getMessage() + "); check that the file exists and is readable", e);
        }
    }

    private static JdbcStorage storage(DataSource dataSource) {
        return JdbcStorage.of(dataSource, SqliteDialect.INSTANCE);
    }
}
