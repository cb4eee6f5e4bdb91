// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertNoContent;
import static io.cqrs4j.demo.DemoAssertions.assertWalkthroughView;
import static io.cqrs4j.demo.DemoAssertions.deposit;
import static io.cqrs4j.demo.DemoAssertions.open;

import io.cqrs4j.demo.Options.Projection;
import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo on MariaDB (or MySQL) with the account view fed by a durable projection, its default there. */
class MysqlDurableProjectionTest {

    private static TestMariaDb database;

    @BeforeAll
    static void create_the_database() throws Exception {
        database = new TestMariaDb();
    }

    @AfterAll
    static void drop_the_database() throws Exception {
        database.close();
    }

    @Test
    void walks_through_the_cqrs_demo_script_and_reads_its_own_writes() {
        String accountId = "ACCT-" + UUID.randomUUID();
        try (Storage storage = Stores.mysql(database.demoUrl(), new SourceOfTruth.EventSourced(), Projection.DURABLE);
             BankServer server = BankServer.start(storage, new HappyPathBankAccountServices(), 0)) {
            var client = new DemoClient(server.port());

            assertNoContent(client.post(accountId, open(accountId)), "\"1\"");
            assertNoContent(client.post(accountId, deposit("1000.0")), "\"2\"");
            assertNoContent(client.post(accountId, "{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}"), "\"3\"");
            assertNoContent(client.post(accountId, "{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}"), "\"4\"");

            assertWalkthroughView(client.get(accountId + "?min_version=4"), accountId);
        }
    }
}
