// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.Query;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.ProjectionRunner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * A durable projection of bank accounts into {@link AppliedView}s, with all its tables named by
 * one prefix ({@code schema.test_}): events, projection tables and the view, so the checkpoint
 * commits in the view's transaction. Shared by the in-process tests and the child process.
 *
 * @param dataSource the database
 * @param prefix the tables' prefix, such as {@code cqrs4j_x.big_}
 */
record AppliedProjection(DataSource dataSource, String prefix) {

    static final JacksonEventSerializer<BankAccount, BankAccount.Event> SERIALIZER =
            JacksonEventSerializer.of(BankAccount::initial);

    EventTables events() {
        return EventTables.withPrefix(prefix);
    }

    ProjectionTables projectionTables() {
        return ProjectionTables.withPrefix(prefix);
    }

    String viewTable() {
        return prefix + "view";
    }

    AppliedProjection createTables() {
        PostgresCqrs.createSchema(dataSource, events());
        PostgresCqrs.createProjectionSchema(dataSource, projectionTables());
        PostgresCqrs.createViewTable(dataSource, viewTable());
        return this;
    }

    PersistedEventStore<BankAccount, BankAccount.Event> store() {
        return PersistedEventStore.eventSourced(PostgresCqrs.eventRepository(dataSource, events()), SERIALIZER);
    }

    ViewRepository<AppliedView> views() {
        return PostgresCqrs.viewRepository(dataSource, viewTable(), JacksonViewSerializer.of(AppliedView.class));
    }

    /** A runner of projection {@code name}, configured further by {@code options}. */
    ProjectionRunner runner(String name, UnaryOperator<ProjectionRunner.Builder<BankAccount.Event>> options) {
        return runner(name, query -> query, options);
    }

    /** A runner of projection {@code name} whose query is wrapped by {@code wrap}, configured further by {@code options}. */
    ProjectionRunner runner(String name, UnaryOperator<Query<BankAccount.Event>> wrap,
                            UnaryOperator<ProjectionRunner.Builder<BankAccount.Event>> options) {
        Query<BankAccount.Event> query = wrap.apply(GenericQuery.create(views(), AppliedView::empty));
        return options.apply(ProjectionRunner.builder(name, store(), query)
                .eventLog(PostgresCqrs.eventLog(dataSource, events()))
                .projectionStore(PostgresCqrs.projectionStore(dataSource, projectionTables())))
                .build();
    }

    /** The position of the last event committed, START when none. */
    LogPosition endOfLog() {
        return position("SELECT CAST(tx_id AS text) || ' ' || global_position FROM " + events().events()
                + " ORDER BY tx_id DESC, global_position DESC LIMIT 1");
    }

    /** The stored checkpoint of projection {@code name}, START when none. */
    LogPosition checkpoint(String name) {
        return position("SELECT log_transaction || ' ' || log_position FROM " + projectionTables().checkpoints()
                + " WHERE projection = ?", name);
    }

    /** Who holds the lease of projection {@code name} and with which token, empty when nobody ever did. */
    String leaseHolder(String name) {
        return rows("SELECT owner || ' ' || token FROM " + projectionTables().leases() + " WHERE projection = ?", name)
                .stream().findFirst().orElse("");
    }

    /** Every aggregate's committed sequences, 1 to n, by aggregate id: what each view must hold. */
    Map<String, List<Long>> committed() {
        var committed = new LinkedHashMap<String, List<Long>>();
        for (String row : rows("SELECT aggregate_id || ' ' || sequence FROM " + events().events()
                + " ORDER BY aggregate_id, sequence")) {
            int space = row.lastIndexOf(' ');
            committed.computeIfAbsent(row.substring(0, space), id -> new ArrayList<>())
                    .add(Long.parseLong(row.substring(space + 1)));
        }
        return committed;
    }

    /** Every aggregate's applied sequences, by aggregate id, as the views hold them. */
    Map<String, List<Long>> applied() {
        var views = views();
        var applied = new LinkedHashMap<String, List<Long>>();
        for (String id : rows("SELECT view_id FROM " + viewTable() + " ORDER BY view_id")) {
            applied.put(id, views.load(id).orElseThrow().sequences());
        }
        return applied;
    }

    /** The position a query returns as {@code "transaction position"}. */
    private LogPosition position(String sql, String... parameters) {
        List<String> found = rows(sql, parameters);
        if (found.isEmpty()) {
            return LogPosition.START;
        }
        String[] parts = found.getFirst().split(" ");
        return new LogPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    private List<String> rows(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                var values = new ArrayList<String>();
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
                return values;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
