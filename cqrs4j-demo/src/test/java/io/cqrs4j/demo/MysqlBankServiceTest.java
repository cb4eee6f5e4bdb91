// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.demo.Options.SourceOfTruth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The demo over HTTP on MariaDB (or MySQL), snapshotting every 5 events, in a database of this class's own. */
class MysqlBankServiceTest extends BankServiceContract {

    private static TestMariaDb database;

    @BeforeAll
    static void create_the_database() throws Exception {
        database = new TestMariaDb();
    }

    @AfterAll
    static void drop_the_database() throws Exception {
        database.close();
    }

    @Override
    protected Storage openStorage() {
        return Stores.mysql(database.demoUrl(), new SourceOfTruth.Snapshots(5));
    }
}
