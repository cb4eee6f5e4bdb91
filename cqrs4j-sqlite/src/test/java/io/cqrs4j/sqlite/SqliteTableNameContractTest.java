// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.conformance.TableNameContract;
import io.cqrs4j.conformance.TallyView;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteTableNameContractTest extends TableNameContract {

    private static TestSqlite database;

    @BeforeAll
    static void create_the_file() {
        database = TestSqlite.create();
    }

    @AfterAll
    static void delete_the_file() {
        database.close();
    }

    @Override
    protected Map<String, Consumer<String>> factoriesTakingATableName() {
        DataSource db = untouchable();
        var factories = new LinkedHashMap<String, Consumer<String>>();
        factories.put("viewRepository", table -> SqliteCqrs.viewRepository(db, table, TEXT));
        factories.put("createViewTable", table -> SqliteCqrs.createViewTable(db, table));
        factories.put("eventRepository(events)", table -> SqliteCqrs.eventRepository(db, new EventTables(table, "s")));
        factories.put("eventRepository(snapshots)", table -> SqliteCqrs.eventRepository(db, new EventTables("e", table)));
        factories.put("eventLog", table -> SqliteCqrs.eventLog(db, new EventTables(table, "s")));
        factories.put("createSchema", table -> SqliteCqrs.createSchema(db, new EventTables(table, "s")));
        factories.put("upgradeSchema", table -> SqliteCqrs.upgradeSchema(db, new EventTables(table, "s")));
        factories.put("projectionStore(checkpoints)", table -> SqliteCqrs.projectionStore(db, new ProjectionTables(table, "l", "p")));
        factories.put("projectionStore(leases)", table -> SqliteCqrs.projectionStore(db, new ProjectionTables("c", table, "p")));
        factories.put("createProjectionSchema(parked)",
                table -> SqliteCqrs.createProjectionSchema(db, new ProjectionTables("c", "l", table)));
        return factories;
    }

    /** Qualified by SQLite's schema of the opened file: {@code main.tally_view}. */
    @Override
    protected ViewRepository<TallyView> createViewRepository(ViewSerializer<TallyView> serializer) {
        SqliteCqrs.createViewTable(database.dataSource(), "main.tally_view");
        return SqliteCqrs.viewRepository(database.dataSource(), "main.tally_view", serializer);
    }
}
