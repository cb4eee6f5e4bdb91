// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.jdbc.JdbcStorage;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.nio.file.Path;
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
     * Creates the tables {@code events} and {@code snapshots} unless they exist.
     *
     * @param dataSource the database
     */
    public static void createSchema(DataSource dataSource) {
        createSchema(dataSource, EventTables.defaults());
    }

    /**
     * Creates the given events and snapshots tables unless they exist.
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

    private static JdbcStorage storage(DataSource dataSource) {
        return JdbcStorage.of(dataSource, SqliteDialect.INSTANCE);
    }
}
