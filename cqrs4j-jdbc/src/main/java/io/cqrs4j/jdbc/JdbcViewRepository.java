// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Views in one table ({@code view_id}, {@code version}, {@code payload}), each update a
 * compare-and-set on the version: version 0 inserts (a duplicate id is a conflict), later versions
 * update only where the stored version is still the loaded one.
 */
final class JdbcViewRepository<V> implements ViewRepository<V> {

    private final SqlDialect dialect;
    private final SqlRunner runner;
    private final String table;
    private final ViewSerializer<V> serializer;
    private final String selectView;
    private final String insertView;
    private final String updateView;

    JdbcViewRepository(DataSource dataSource, SqlDialect dialect, String table, ViewSerializer<V> serializer) {
        this.dialect = dialect;
        this.runner = new SqlRunner(dataSource, dialect);
        this.table = table;
        this.serializer = serializer;
        this.selectView = dialect.selectView(table);
        this.insertView = dialect.insertView(table);
        this.updateView = dialect.updateView(table);
    }

    @Override
    public Optional<StoredView<V>> loadWithContext(String viewId) {
        Objects.requireNonNull(viewId, "viewId");
        return runner.query("loading view " + viewId + " from " + table, selectView,
                statement -> statement.setString(1, viewId),
                rows -> rows.next()
                        ? Optional.of(stored(viewId, rows.getLong(1), dialect.getJson(rows, 2)))
                        : Optional.empty());
    }

    private StoredView<V> stored(String viewId, long version, String json) {
        V view;
        try {
            view = serializer.deserialize(json);
        } catch (DeserializationException e) {
            throw new DeserializationException("view " + viewId + " in " + table + " (version " + version + "): "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DeserializationException("view " + viewId + " in " + table + " (version " + version
                    + "): the stored payload does not deserialize (" + e.getMessage() + "); make the view"
                    + " read its stored shape, or delete the row and replay the events", e);
        }
        if (view == null) {
            throw new DeserializationException("view " + viewId + " in " + table + ": the stored payload"
                    + " deserialized to null; make the serializer return a view", null);
        }
        return new StoredView<>(view, new ViewContext(viewId, version));
    }

    @Override
    public void updateView(V view, ViewContext context) {
        Objects.requireNonNull(view, "view");
        String viewId = context.viewInstanceId();
        long expected = context.version();
        String json = serialize(viewId, view);
        String doing = "storing view " + viewId + " version " + (expected + 1) + " in " + table;
        if (expected == 0) {
            runner.update(doing, insertView, statement -> {
                statement.setString(1, viewId);
                statement.setLong(2, 1);
                dialect.setJson(statement, 3, json);
            }, cause -> conflict(viewId, expected, cause));
            return;
        }
        int rows = runner.update(doing, updateView, statement -> {
            statement.setLong(1, expected + 1);
            dialect.setJson(statement, 2, json);
            statement.setString(3, viewId);
            statement.setLong(4, expected);
        }, cause -> conflict(viewId, expected, cause));
        if (rows == 0) {
            throw conflict(viewId, expected, null);
        }
    }

    private String serialize(String viewId, V view) {
        try {
            return Objects.requireNonNull(serializer.serialize(view), "the serializer returned null");
        } catch (CqrsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnexpectedException("view " + viewId + " for " + table + ": the view does not serialize ("
                    + e.getMessage() + "); fix the view or its serializer", e);
        }
    }

    private AggregateConflictException conflict(String viewId, long expected, Throwable cause) {
        String found = expected == 0 ? "it is already stored" : "it is missing or at another version";
        return new AggregateConflictException("view " + viewId + " in " + table + ": expected version " + expected
                + " but " + found + " (a concurrent update won); reload the view and retry", cause);
    }
}
