// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

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

class PostgresTableNameContractTest extends TableNameContract {

    private static TestDatabase database;

    @BeforeAll
    static void create_the_schema() {
        database = TestDatabase.forClass(PostgresTableNameContractTest.class);
    }

    @AfterAll
    static void drop_the_schema() {
        database.close();
    }

    @Override
    protected Map<String, Consumer<String>> factoriesTakingATableName() {
        DataSource db = untouchable();
        var factories = new LinkedHashMap<String, Consumer<String>>();
        factories.put("viewRepository", table -> PostgresCqrs.viewRepository(db, table, TEXT));
        factories.put("createViewTable", table -> PostgresCqrs.createViewTable(db, table));
        factories.put("eventRepository(events)", table -> PostgresCqrs.eventRepository(db, new EventTables(table, "s")));
        factories.put("eventRepository(snapshots)", table -> PostgresCqrs.eventRepository(db, new EventTables("e", table)));
        factories.put("eventLog", table -> PostgresCqrs.eventLog(db, new EventTables(table, "s")));
        factories.put("createSchema", table -> PostgresCqrs.createSchema(db, new EventTables(table, "s")));
        factories.put("upgradeSchema", table -> PostgresCqrs.upgradeSchema(db, new EventTables(table, "s")));
        factories.put("projectionStore(checkpoints)", table -> PostgresCqrs.projectionStore(db, new ProjectionTables(table, "l", "p")));
        factories.put("projectionStore(leases)", table -> PostgresCqrs.projectionStore(db, new ProjectionTables("c", table, "p")));
        factories.put("createProjectionSchema(parked)",
                table -> PostgresCqrs.createProjectionSchema(db, new ProjectionTables("c", "l", table)));
        return factories;
    }

    /** In this class's schema: {@code schema.tally_view}. */
    @Override
    protected ViewRepository<TallyView> createViewRepository(ViewSerializer<TallyView> serializer) {
        PostgresCqrs.createViewTable(database.dataSource(), database.table("tally_view"));
        return PostgresCqrs.viewRepository(database.dataSource(), database.table("tally_view"), serializer);
    }
}
