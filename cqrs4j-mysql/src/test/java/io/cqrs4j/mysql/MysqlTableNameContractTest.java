// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

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

class MysqlTableNameContractTest extends TableNameContract {

    private static TestMariaDb database;

    @BeforeAll
    static void take_a_prefix() {
        database = TestMariaDb.create();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected Map<String, Consumer<String>> factoriesTakingATableName() {
        DataSource db = untouchable();
        var factories = new LinkedHashMap<String, Consumer<String>>();
        factories.put("viewRepository", table -> MysqlCqrs.viewRepository(db, table, TEXT));
        // fails until MysqlCqrs.createViewTable checks the name before dialectOf(dataSource) connects (issue 9)
        factories.put("createViewTable", table -> MysqlCqrs.createViewTable(db, table));
        factories.put("eventRepository(events)", table -> MysqlCqrs.eventRepository(db, new EventTables(table, "s")));
        factories.put("eventRepository(snapshots)", table -> MysqlCqrs.eventRepository(db, new EventTables("e", table)));
        factories.put("eventLog", table -> MysqlCqrs.eventLog(db, new EventTables(table, "s")));
        factories.put("createSchema", table -> MysqlCqrs.createSchema(db, new EventTables(table, "s")));
        factories.put("upgradeSchema", table -> MysqlCqrs.upgradeSchema(db, new EventTables(table, "s")));
        factories.put("projectionStore(checkpoints)", table -> MysqlCqrs.projectionStore(db, new ProjectionTables(table, "l", "p")));
        factories.put("projectionStore(leases)", table -> MysqlCqrs.projectionStore(db, new ProjectionTables("c", table, "p")));
        factories.put("createProjectionSchema(parked)",
                table -> MysqlCqrs.createProjectionSchema(db, new ProjectionTables("c", "l", table)));
        return factories;
    }

    /** Qualified by the database (MySQL's schema): {@code test.c4j_..._tally_view}. */
    @Override
    protected ViewRepository<TallyView> createViewRepository(ViewSerializer<TallyView> serializer) {
        String table = database.query("SELECT DATABASE() AS name").getFirst().get("name") + "."
                + database.table("tally_view");
        MysqlCqrs.createViewTable(database.dataSource(), table);
        return MysqlCqrs.viewRepository(database.dataSource(), table, serializer);
    }
}
