// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.sql.Connection;
import java.sql.SQLException;
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
     * Creates the events and snapshots tables unless they exist, from the dialect's schema script.
     *
     * @param tables the table names
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     * @throws io.cqrs4j.UnexpectedException when a statement fails
     */
    public void createEventTables(EventTables tables) {
        create("the tables " + tables.events() + " and " + tables.snapshots(), SchemaScript.statements(
                dialect.eventTablesScript(), Map.of("events", tables.events(), "snapshots", tables.snapshots())));
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
        String doing = "creating " + what;
        var errors = new SqlErrors(dialect);
        try (Connection connection = errors.connect(dataSource, doing)) {
            SchemaScript.run(connection, statements);
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
        LOG.info("{}: created {} where missing", dialect.databaseName(), what);
    }
}
