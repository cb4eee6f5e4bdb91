// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertNoContent;
import static io.cqrs4j.demo.DemoAssertions.assertProblem;
import static io.cqrs4j.demo.DemoAssertions.assertWalkthroughView;
import static io.cqrs4j.demo.DemoAssertions.deposit;
import static io.cqrs4j.demo.DemoAssertions.open;

import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo over HTTP on DynamoDB ({@code --store dynamodb --url …}), served by dynalite. */
class DynamoDbBankServiceTest {

    private static TestDynalite dynamo;

    @BeforeAll
    static void start_dynalite() throws Exception {
        dynamo = TestDynalite.start();
    }

    @AfterAll
    static void stop_dynalite() throws Exception {
        dynamo.close();
    }

    @Test
    void walks_through_the_cqrs_demo_script_and_refuses_an_overdraft() {
        String accountId = "ACCT-" + UUID.randomUUID();
        try (Storage storage = Stores.dynamodb(dynamo.endpoint(), new SourceOfTruth.EventSourced());
             BankServer server = BankServer.start(storage, new HappyPathBankAccountServices(), 0)) {
            var client = new DemoClient(server.port());

            assertNoContent(client.post(accountId, open(accountId)), "\"1\"");
            assertNoContent(client.post(accountId, deposit("1000.0")), "\"2\"");
            assertNoContent(client.post(accountId, "{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}"), "\"3\"");
            assertNoContent(client.post(accountId, "{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}"), "\"4\"");
            HttpResponse<String> overdraw = client.post(accountId, "{\"WithdrawMoney\":{\"amount\":5000.0,\"atm_id\":\"ATM-1\"}}");
            HttpResponse<String> view = client.get(accountId);

            assertProblem(overdraw, 400, "funds not available");
            assertWalkthroughView(view, accountId);
        }
    }
}
