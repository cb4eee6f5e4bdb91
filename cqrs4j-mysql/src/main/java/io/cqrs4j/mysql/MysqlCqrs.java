// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * cqrs4j on MySQL 8 or MariaDB, with the tables of mysql-es: events and snapshots (by default
 * {@code events} and {@code snapshots}) and one table per view.
 *
 * {@snippet :
 * HikariDataSource pool = MysqlCqrs.pool("jdbc:mariadb://localhost:3306/bank", "bank", secret);
 * MysqlCqrs.createSchema(pool);
 * PersistedEventStore<BankAccount, BankAccountEvent> store =
 *         MysqlCqrs.snapshotting(pool, JacksonEventSerializer.of(BankAccount::initial), 100);
 * }
 *
 * <p>A commit at a sequence another command took (duplicate key, error 1062) is an
 * {@link io.cqrs4j.AggregateConflictException}, and so are deadlocks and lock wait timeouts; other
 * integrity errors (a CHECK, a NOT NULL) are not. Views are updated only from the version that was
 * loaded, so a stale update is a conflict too, not a lost update. An unreachable server or a
 * broken connection is a {@link io.cqrs4j.DatabaseConnectionException}.
 *
 * <p>Durable projections read the {@link #eventLog} and keep their state in a
 * {@link #projectionStore}. The global order is a sequencer row: every append through this module
 * locks one row in its transaction, so appends commit one at a time, in position order, and a
 * reader never skips an event; appends written by mysql-es bypass it (see
 * {@code docs/adr/07-global-order-mysql-sqlite.md}).
 */
public final class MysqlCqrs {

    private static final int POOL_SIZE = 10;

    private MysqlCqrs() {
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
     * @param tables the table names, such as {@code EventTables.withPrefix("bank.")} for a database {@code bank}
     * @return the repository
     */
    public static PersistedEventRepository eventRepository(DataSource dataSource, EventTables tables) {
        return storage(dataSource).eventRepository(tables);
    }

    /**
     * The repository of the views in {@code table} ({@code view_id}, {@code version}, {@code payload}).
     *
     * @param dataSource the database, preferably a {@link #pool}
     * @param table the view table: letters, digits and underscores, optionally {@code database.table}
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
     * The events of the given table in their global order ({@code global_position}, assigned in
     * commit order under the sequencer row), so none is ever skipped; nothing committed is ever
     * held back. {@link EventLog#awaitNewEvents} polls. The table needs the global-order columns:
     * created by {@link #createSchema}, or added to a mysql-es table by {@link #upgradeSchema}.
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
     * Leases are judged on the server's clock; a checkpoint write carries the lease's fencing token
     * and is refused once another instance took the lease over;
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
     * Creates the given events and snapshots tables unless they exist, and gives the events table
     * the global order ({@code global_position}, {@code recorded_at}, the sequencer table) unless
     * it has it; their database must exist.
     *
     * @param dataSource the database
     * @param tables the table names
     */
    public static void createSchema(DataSource dataSource, EventTables tables) {
        JdbcStorage.of(dataSource, dialectOf(dataSource)).createEventTables(tables);
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
     * Adds the global order ({@code global_position}, {@code recorded_at} and the sequencer table)
     * to an events table that mysql-es created; idempotent. Existing rows are numbered in
     * primary-key order, which keeps each aggregate's order. The ALTER rebuilds the table: on a
     * large one, run it in a maintenance window. mysql-es keeps working with the table afterwards,
     * but its appends do not take the sequencer row (ADR 07).
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
        String checked = JdbcStorage.checkTableName("view", table); // before dialectOf asks the server its version
        JdbcStorage.of(dataSource, dialectOf(dataSource)).createViewTable(checked);
    }

    /**
     * A connection pool (HikariCP, 10 connections) to {@code url} as {@code user}, with MariaDB
     * Connector/J, which speaks to MySQL too. Its sessions add {@code STRICT_TRANS_TABLES} (the
     * default of both servers) to their SQL mode, so an id longer than its column is refused rather
     * than cut short. Close the pool when the application stops.
     *
     * @param url a MariaDB or MySQL JDBC URL, such as {@code jdbc:mariadb://localhost:3306/bank};
     *     {@code jdbc:mysql://} is read as {@code jdbc:mariadb://}
     * @param user the user, or null for the URL's
     * @param password the password, or null for none
     * @return the pool
     * @throws IllegalArgumentException when {@code url} is not a MariaDB or MySQL JDBC URL
     * @throws DatabaseConnectionException when the server cannot be reached
     */
    public static HikariDataSource pool(String url, String user, String password) {
        var config = new HikariConfig();
        config.setPoolName("cqrs4j-mysql");
        config.setJdbcUrl(mariadbUrl(Objects.requireNonNull(url, "url")));
        config.setDriverClassName("org.mariadb.jdbc.Driver");
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionInitSql(
                "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES')");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DatabaseConnectionException("MySQL/MariaDB: cannot connect to " + withoutQuery(url)
                    + (user == null ? "" : " as " + user) + " (" + cause.getMessage() + "); check that the server"
                    + " is running and reachable and that the database, user and password are right", e);
        }
    }

    /** The URL MariaDB Connector/J takes: its own scheme, which it also uses for MySQL servers. */
    private static String mariadbUrl(String url) {
        if (url.startsWith("jdbc:mariadb:")) {
            return url;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        }
        throw new IllegalArgumentException("'" + withoutQuery(url) + "' is not a MariaDB or MySQL JDBC URL;"
                + " write it as jdbc:mariadb://host:3306/database");
    }

    /** The dialect that creates tables on this server: MariaDB and MySQL name their exact collations differently. */
    private static MysqlDialect dialectOf(DataSource dataSource) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseConnectionException("MySQL/MariaDB: cannot get a connection to create the schema ("
                    + e.getMessage() + "); check that the server is running and reachable and that the URL,"
                    + " user and password are right", e);
        }
        try (connection; Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT VERSION()")) {
            version.next();
            return MysqlDialect.forServer(version.getString(1));
        } catch (SQLException e) {
            throw new UnexpectedException("MySQL/MariaDB: cannot read the server version to create the schema ("
                    + e.getMessage() + "); check that the data source reaches MySQL 8 or MariaDB", e);
        }
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static JdbcStorage storage(DataSource dataSource) {
        return JdbcStorage.of(dataSource, MysqlDialect.MYSQL_OR_MARIADB);
    }
}
