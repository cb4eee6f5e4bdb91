// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.conformance.ProjectionStoreContract;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.projection.ProjectionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The projection store in a SQLite file: the conformance suite, with the lease claimed on SQLite's clock. */
class SqliteProjectionStoreTest extends ProjectionStoreContract {

    private static TestSqlite database;
    private static ProjectionStore shared;

    @BeforeAll
    static void create_the_tables() {
        database = TestSqlite.create();
        ProjectionTables tables = ProjectionTables.withPrefix("p_");
        SqliteCqrs.createProjectionSchema(database.dataSource(), tables);
        SqliteCqrs.createProjectionSchema(database.dataSource(), tables);
        shared = SqliteCqrs.projectionStore(database.dataSource(), tables);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected ProjectionStore createStore() {
        return shared;
    }
}
