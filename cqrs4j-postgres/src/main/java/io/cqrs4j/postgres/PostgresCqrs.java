// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.cqrs4j.Aggregate;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.DomainEvent;
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
import java.util.Objects;
import javax.sql.DataSource;

/**
 * cqrs4j on PostgreSQL, with the tables of postgres-es: events and snapshots (by default
 * {@code events} and {@code snapshots}) and one table per view.
 *
 * {@snippet :
 * HikariDataSource pool = PostgresCqrs.pool("jdbc:postgresql://localhost:5432/bank", "bank", secret);
 * PostgresCqrs.createSchema(pool);
 * PersistedEventStore<BankAccount, BankAccountEvent> store =
 *         PostgresCqrs.snapshotting(pool, JacksonEventSerializer.of(BankAccount::initial), 100);
 * }
 *
 * <p>Conflicts (another command took the sequence: SQLSTATE 23505) are
 * {@link io.cqrs4j.AggregateConflictException}s; an unreachable database or a broken connection is a
 * {@link io.cqrs4j.DatabaseConnectionException}. Other tables are reached with
 * {@link #eventRepository(DataSource, EventTables)} and the modes of {@link PersistedEventStore}.
 *
 * <p>Durable projections read the {@link #eventLog(DataSource) event log} (every event in one
 * global order, read without ever skipping one that commits late) and keep their checkpoints,
 * leases and parked events in the {@link #projectionStore(DataSource) projection store}; a view in
 * the same database, through {@link #viewRepository} on the same pool, commits in the same
 * transaction as the checkpoint.
 */
public final class PostgresCqrs {

    private static final int POOL_SIZE = 10;

    private PostgresCqrs() {
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
     * @param dataSource the database
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
     * @param dataSource the database
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
     * @param dataSource the database
     * @return the repository
     */
    public static PersistedEventRepository eventRepository(DataSource dataSource) {
        return eventRepository(dataSource, EventTables.defaults());
    }

    /**
     * The repository of the given tables.
     *
     * @param dataSource the database
     * @param tables the table names, such as {@code EventTables.withPrefix("bank.")}
     * @return the repository
     */
    public static PersistedEventRepository eventRepository(DataSource dataSource, EventTables tables) {
        return new NotifyingEventRepository(storage(dataSource).eventRepository(tables),
                new CommitNotifier(dataSource, tables.events()));
    }

    /**
     * The repository of the views in {@code table} ({@code view_id}, {@code version}, {@code payload}).
     *
     * @param dataSource the database
     * @param table the view table: letters, digits and underscores, optionally {@code schema.table}
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
     * @param dataSource the database
     * @return the log
     */
    public static EventLog eventLog(DataSource dataSource) {
        return eventLog(dataSource, EventTables.defaults());
    }

    /**
     * The events of the given table in their global order (the writing transaction, then the
     * position within it), read only below the oldest transaction still running, so that none
     * is ever skipped. A read held back by an open transaction names it in
     * {@link io.cqrs4j.projection.LogBatch#heldBack()}. {@link EventLog#awaitNewEvents} returns
     * when a commit through this module notifies (LISTEN/NOTIFY, one pooled connection while
     * someone waits), else after its timeout. The table needs the global-order columns: created by
     * {@link #createSchema}, or added to a postgres-es table by {@link #upgradeSchema}.
     *
     * @param dataSource the database
     * @param tables the table names
     * @return the log
     */
    public static EventLog eventLog(DataSource dataSource, EventTables tables) {
        return new PostgresEventLog(storage(dataSource).eventLog(tables), dataSource, tables.events());
    }

    /**
     * The checkpoints, leases and parked events of durable projections, in the tables
     * {@code projection_checkpoints}, {@code projection_leases} and {@code projection_parked}.
     *
     * @param dataSource the database
     * @return the store
     */
    public static ProjectionStore projectionStore(DataSource dataSource) {
        return projectionStore(dataSource, ProjectionTables.defaults());
    }

    /**
     * The checkpoints, leases and parked events of durable projections, in the given tables.
     * Leases are judged on the database's clock; a checkpoint write carries the lease's fencing
     * token and is refused once another instance took the lease over;
     * {@link ProjectionStore#applyAndCheckpoint} commits the checkpoint in one transaction with
     * the work's writes through this module's repositories on the same {@code dataSource}.
     *
     * @param dataSource the database
     * @param tables the table names
     * @return the store
     */
    public static ProjectionStore projectionStore(DataSource dataSource, ProjectionTables tables) {
        return storage(dataSource).projectionStore(tables);
    }

    /**
     * Creates the tables {@code events} and {@code snapshots} (with the global-order columns) and
     * the projection tables unless they exist.
     *
     * @param dataSource the database
     */
    public static void createSchema(DataSource dataSource) {
        createSchema(dataSource, EventTables.defaults());
        createProjectionSchema(dataSource, ProjectionTables.defaults());
    }

    /**
     * Creates the given events and snapshots tables (with the global-order columns) unless they
     * exist; their schema must exist. An events table that exists is left as it is: add the columns
     * to a postgres-es table with {@link #upgradeSchema}.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void createSchema(DataSource dataSource, EventTables tables) {
        storage(dataSource).createEventTables(tables);
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
     * Adds the global-order columns ({@code global_position}, {@code tx_id}, {@code recorded_at})
     * and their index to an events table that postgres-es created; idempotent. Existing rows keep
     * each aggregate's order. It rewrites the table under an exclusive lock: on a large table, run
     * it in a maintenance window. The Rust crate keeps working with the table afterwards.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void upgradeSchema(DataSource dataSource, EventTables tables) {
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
     * A connection pool (HikariCP, 10 connections) to {@code url}, with the user and password the URL
     * gives or the driver's defaults. Close it when the application stops.
     *
     * @param url a pgjdbc URL, such as {@code jdbc:postgresql://localhost:5432/bank}
     * @return the pool
     * @throws DatabaseConnectionException when the database cannot be reached
     */
    public static HikariDataSource pool(String url) {
        return pool(url, null, null);
    }

    /**
     * A connection pool (HikariCP, 10 connections) to {@code url} as {@code user}. Close it when the
     * application stops.
     *
     * @param url a pgjdbc URL, such as {@code jdbc:postgresql://localhost:5432/bank}
     * @param user the user, or null for the URL's
     * @param password the password, or null for none
     * @return the pool
     * @throws IllegalArgumentException when {@code url} is not a PostgreSQL JDBC URL
     * @throws DatabaseConnectionException when the database cannot be reached
     */
    public static HikariDataSource pool(String url, String user, String password) {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("'" + url + "' is not a PostgreSQL JDBC URL;"
                    + " write it as jdbc:postgresql://host:5432/database");
        }
        var config = new HikariConfig();
        config.setPoolName("cqrs4j-postgres");
        config.setJdbcUrl(url);
        config.setDriverClassName("org.postgresql.Driver");
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        // one multi-row INSERT per commit instead of one per event
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DatabaseConnectionException("PostgreSQL: cannot connect to " + withoutQuery(url)
                    + (user == null ? "" : " as " + user) + " (" + cause.getMessage() + "); check that the server"
                    + " is running and reachable and that the database, user and password are right", e);
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static JdbcStorage storage(DataSource dataSource) {
        return JdbcStorage.of(dataSource, PostgresDialect.INSTANCE);
    }
}
