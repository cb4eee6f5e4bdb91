// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.conformance.TallyView;
import io.cqrs4j.conformance.ViewRepositoryContract;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MysqlViewRepositoryContractTest extends ViewRepositoryContract {

    private static TestMariaDb database;

    @BeforeAll
    static void create_the_table() {
        database = TestMariaDb.create();
        MysqlCqrs.createViewTable(database.dataSource(), database.table("tally_view"));
    }

    @AfterAll
    static void drop_the_table() {
        database.close();
    }

    @Override
    protected ViewRepository<TallyView> createRepository(ViewSerializer<TallyView> serializer) {
        return MysqlCqrs.viewRepository(database.dataSource(), database.table("tally_view"), serializer);
    }
}
