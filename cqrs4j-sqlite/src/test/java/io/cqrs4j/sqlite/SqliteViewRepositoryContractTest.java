// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.conformance.TallyView;
import io.cqrs4j.conformance.ViewRepositoryContract;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class SqliteViewRepositoryContractTest extends ViewRepositoryContract {

    private static TestSqlite database;

    @BeforeAll
    static void create_the_table() {
        database = TestSqlite.create();
        SqliteCqrs.createViewTable(database.dataSource(), "tally_view");
    }

    @AfterAll
    static void delete_the_file() {
        database.close();
    }

    @Override
    protected ViewRepository<TallyView> createRepository(ViewSerializer<TallyView> serializer) {
        return SqliteCqrs.viewRepository(database.dataSource(), "tally_view", serializer);
    }
}
