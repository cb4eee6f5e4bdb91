// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.conformance.ProjectionStoreContract;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.ProjectionStore;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection store on real MariaDB: the conformance suite (the lease claimed on the server's clock,
 * fenced checkpoints, parked events) and names compared exactly.
 */
class MysqlProjectionStoreTest extends ProjectionStoreContract {

    private static TestMariaDb database;
    private static ProjectionStore shared;

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.create();
        ProjectionTables tables = ProjectionTables.withPrefix(database.table(""));
        MysqlCqrs.createProjectionSchema(database.dataSource(), tables);
        MysqlCqrs.createProjectionSchema(database.dataSource(), tables);
        shared = MysqlCqrs.projectionStore(database.dataSource(), tables);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected ProjectionStore createStore() {
        return shared;
    }

    @Test
    void projection_names_that_differ_only_in_case_are_two_projections() {
        String upper = projection.toUpperCase(Locale.ROOT);

        Lease lower = store.acquire(projection, "a", LONG).orElseThrow();
        Optional<Lease> other = store.acquire(upper, "b", LONG);
        store.saveCheckpoint(lower, LogPosition.of(5));

        assertThat(other).isPresent();
        assertThat(store.checkpoint(upper)).isEqualTo(LogPosition.START);
    }
}
