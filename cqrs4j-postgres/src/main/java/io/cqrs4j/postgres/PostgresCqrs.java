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
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
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
        return storage(dataSource).eventRepository(tables);
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
     * Creates the tables {@code events} and {@code snapshots} unless they exist.
     *
     * @param dataSource the database
     */
    public static void createSchema(DataSource dataSource) {
        createSchema(dataSource, EventTables.defaults());
    }

    /**
     * Creates the given events and snapshots tables unless they exist; their schema must exist.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void createSchema(DataSource dataSource, EventTables tables) {
        storage(dataSource).createEventTables(tables);
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
