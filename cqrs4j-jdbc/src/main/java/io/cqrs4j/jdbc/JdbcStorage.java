// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.ProjectionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database reached through JDBC: builds its event repository and view repositories and
 * creates their tables. A database module wraps this behind its own factory.
 *
 * {@snippet :
 * var storage = JdbcStorage.of(dataSource, dialect);
 * storage.createEventTables(EventTables.defaults());
 * var store = PersistedEventStore.snapshotting(storage.eventRepository(EventTables.defaults()), serializer, 100);
 * }
 *
 * <p>Everything built here is thread-safe and takes a connection from the data source for each
 * operation; pool the data source.
 *
 * <p>Durable projections read the {@link #eventLog} and keep their state in a
 * {@link #projectionStore}. While the store runs a batch ({@link ProjectionStore#applyAndCheckpoint}),
 * the repositories built here on the same data source object join its transaction on that thread,
 * so a view in this database commits together with the checkpoint.
 */
public final class JdbcStorage {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final DataSource dataSource;
    private final SqlDialect dialect;

    private JdbcStorage(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Checks a table name by the rule every name here follows (a plain identifier, optionally
     * schema-qualified; never quoted), for a factory that must refuse a bad name before it touches
     * the database.
     *
     * @param role what the table is for, for the message: {@code "view"}
     * @param table the name
     * @return {@code table}
     * @throws IllegalArgumentException naming the role and the rule when the name is not a plain identifier
     */
    public static String checkTableName(String role, String table) {
        return TableNames.check(role, table);
    }

    /**
     * The storage of {@code dataSource}, spoken to in {@code dialect}.
     *
     * @param dataSource where connections come from, preferably a pool
     * @param dialect the database's dialect
     * @return the storage
     */
    public static JdbcStorage of(DataSource dataSource, SqlDialect dialect) {
        return new JdbcStorage(dataSource, dialect);
    }

    /**
     * The repository of events and snapshots in {@code tables}, for every aggregate type.
     *
     * @param tables the table names
     * @return the repository
     */
    public PersistedEventRepository eventRepository(EventTables tables) {
        return new JdbcEventRepository(dataSource, dialect, Objects.requireNonNull(tables, "tables"));
    }

    /**
     * The repository of the views in {@code table}.
     *
     * @param table the view table, a plain identifier as {@link EventTables} describes
     * @param serializer how the views become JSON
     * @param <V> the view type
     * @return the repository
     * @throws IllegalArgumentException when {@code table} is not a plain identifier
     */
    public <V> ViewRepository<V> viewRepository(String table, ViewSerializer<V> serializer) {
        return new JdbcViewRepository<>(dataSource, dialect, TableNames.check("view", table),
                Objects.requireNonNull(serializer, "serializer"));
    }

    /**
     * The events of {@code tables} in the dialect's global order, read without ever skipping one,
     * for durable projections. {@link EventLog#awaitNewEvents} sleeps (polling); a database module
     * may wrap this log with notifications.
     *
     * @param tables the table names (the snapshots table is not read)
     * @return the log
     * @throws UnsupportedOperationException when the dialect has no global order
     */
    public EventLog eventLog(EventTables tables) {
        Objects.requireNonNull(tables, "tables");
        GlobalOrder order = dialect.globalOrder().orElseThrow(() -> new UnsupportedOperationException(
                dialect.databaseName() + ": this dialect defines no global order of events yet, so durable projections"
                        + " cannot read " + tables.events() + "; use synchronous queries, or a database whose dialect"
                        + " has one (SqlDialect.globalOrder)"));
        return new JdbcEventLog(dataSource, dialect, order, tables.events());
    }

    /**
     * The checkpoints, leases and parked events of durable projections, in {@code tables}.
     *
     * @param tables the table names
     * @return the store
     */
    public ProjectionStore projectionStore(ProjectionTables tables) {
        return new JdbcProjectionStore(dataSource, dialect, Objects.requireNonNull(tables, "tables"));
    }

    /**
     * Creates the events and snapshots tables unless they exist, from the dialect's schema script.
     *
     * @param tables the table names
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     * @throws io.cqrs4j.UnexpectedException when a statement fails
     */
    public void createEventTables(EventTables tables) {
        create("the tables " + tables.events() + " and " + tables.snapshots(),
                SchemaScript.statements(dialect.eventTablesScript(), placeholders(tables)));
    }

    /**
     * Adds the dialect's global order (its columns, indexes, anything else its
     * {@link GlobalOrder#migrationScript()} creates) to existing events tables, such as those the
     * Rust crates created. Idempotent: tables that have it already are left as they are. Existing
     * rows get positions that keep each aggregate's order. On a large table this rewrites it under
     * an exclusive lock; run it in a maintenance window.
     *
     * @param tables the table names
     * @throws UnsupportedOperationException when the dialect has no global order
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     * @throws io.cqrs4j.UnexpectedException when a statement fails
     */
    public void upgradeEventTables(EventTables tables) {
        Objects.requireNonNull(tables, "tables");
        GlobalOrder order = dialect.globalOrder().orElseThrow(() -> new UnsupportedOperationException(
                dialect.databaseName() + ": this dialect defines no global order of events; there is nothing to add to "
                        + tables.events()));
        run("adding the global order to " + tables.events(), SchemaScript.statements(order.migrationScript(),
                placeholders(tables)));
    }

    /**
     * Creates the projection tables unless they exist, from the dialect's script.
     *
     * @param tables the table names
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     * @throws io.cqrs4j.UnexpectedException when a statement fails
     */
    public void createProjectionTables(ProjectionTables tables) {
        create("the projection tables " + tables.checkpoints() + ", " + tables.leases() + " and " + tables.parked(),
                SchemaScript.statements(dialect.projectionTablesScript(), Map.of("checkpoints", tables.checkpoints(),
                        "leases", tables.leases(), "parked", tables.parked())));
    }

    private static Map<String, String> placeholders(EventTables tables) {
        String events = tables.events();
        int dot = events.indexOf('.');
        var placeholders = new HashMap<String, String>();
        placeholders.put("events", events);
        placeholders.put("snapshots", tables.snapshots());
        placeholders.put("eventsname", events.substring(dot + 1));
        placeholders.put("schemaprefix", events.substring(0, dot + 1));
        return placeholders;
    }

    /**
     * Creates a view table unless it exists, from the dialect's schema script.
     *
     * @param table the view table, a plain identifier
     * @throws IllegalArgumentException when {@code table} is not a plain identifier
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     * @throws io.cqrs4j.UnexpectedException when a statement fails
     */
    public void createViewTable(String table) {
        String checked = TableNames.check("view", table);
        create("the view table " + checked, SchemaScript.statements(dialect.viewTableScript(), Map.of("view", checked)));
    }

    private void create(String what, List<String> statements) {
        run("creating " + what + " where missing", statements);
    }

    private void run(String doing, List<String> statements) {
        var errors = new SqlErrors(dialect);
        try (Connection connection = errors.connect(dataSource, doing)) {
            SchemaScript.run(connection, statements);
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
        LOG.info("{}: {}: done", dialect.databaseName(), doing);
    }
}
