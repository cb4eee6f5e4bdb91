// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertNoContent;
import static io.cqrs4j.demo.DemoAssertions.assertProblem;
import static io.cqrs4j.demo.DemoAssertions.assertWalkthroughView;
import static io.cqrs4j.demo.DemoAssertions.deposit;
import static io.cqrs4j.demo.DemoAssertions.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.Options.Projection;
import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo on PostgreSQL with the account view fed by a durable projection (issue 7), and reads
 * that wait for a version with {@code ?min_version=N}; plus {@code --projection sync} on the same
 * database.
 */
class PostgresDurableProjectionTest {

    private static TestPostgres database;

    private Storage storage;
    private BankServer server;
    private DemoClient client;

    @BeforeAll
    static void create_the_schema() throws Exception {
        database = new TestPostgres();
    }

    @AfterAll
    static void drop_the_schema() throws Exception {
        database.close();
    }

    @AfterEach
    void stop_the_service() {
        server.close();
        storage.close();
    }

    private void start(Projection projection) {
        storage = Stores.postgres(database.demoUrl(), new SourceOfTruth.EventSourced(), projection);
        server = BankServer.start(storage, new HappyPathBankAccountServices(), 0);
        client = new DemoClient(server.port());
    }

    private static String newAccountId() {
        return "ACCT-" + UUID.randomUUID();
    }

    @Test
    void walks_through_the_cqrs_demo_script_and_reads_its_own_writes() {
        start(Projection.DURABLE);
        String accountId = newAccountId();

        assertNoContent(client.post(accountId, open(accountId)), "\"1\"");
        assertNoContent(client.post(accountId, deposit("1000.0")), "\"2\"");
        assertNoContent(client.post(accountId, "{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}"), "\"3\"");
        HttpResponse<String> check = client.post(accountId, "{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}");
        HttpResponse<String> view = client.get(accountId + "?min_version=4");

        assertNoContent(check, "\"4\"");
        assertWalkthroughView(view, accountId);
        assertThat(view.headers().firstValue("ETag")).hasValue("\"4\"");
    }

    @Test
    void feeds_the_view_from_events_that_another_writer_committed() throws Exception {
        start(Projection.DURABLE);
        String accountId = newAccountId();

        insertEvent(accountId, 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"" + accountId + "\"}}");
        insertEvent(accountId, 2, "CustomerDepositedMoney", "{\"CustomerDepositedMoney\":{\"amount\":70.0,\"balance\":70.0}}");
        HttpResponse<String> view = client.get(accountId + "?min_version=2");

        assertThat(view.statusCode()).as(view.body()).isEqualTo(200);
        assertThat(DemoClient.json(view).get("balance").decimalValue()).isEqualByComparingTo("70");
        assertThat(view.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void a_version_the_view_does_not_reach_in_time_is_a_504_problem_with_retry_after() {
        start(Projection.DURABLE);
        String accountId = newAccountId();
        assertNoContent(client.post(accountId, open(accountId)), "\"1\"");

        HttpResponse<String> view = client.get(accountId + "?min_version=9");

        assertProblem(view, 504, "not yet at min_version 9");
        assertThat(view.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void a_min_version_that_is_not_a_positive_number_is_a_400_problem() {
        start(Projection.DURABLE);
        String accountId = newAccountId();

        HttpResponse<String> zero = client.get(accountId + "?min_version=0");
        HttpResponse<String> word = client.get(accountId + "?min_version=latest");

        assertProblem(zero, 400, "min_version must be a whole number from 1");
        assertProblem(word, 400, "but was 'latest'");
    }

    @Test
    void the_sync_projection_still_answers_the_view_written_in_the_request() {
        start(Projection.SYNC);
        String accountId = newAccountId();

        assertNoContent(client.post(accountId, open(accountId)), "\"1\"");
        assertNoContent(client.post(accountId, deposit("25.5")), "\"2\"");
        HttpResponse<String> plain = client.get(accountId);
        HttpResponse<String> atLeast = client.get(accountId + "?min_version=2");

        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(DemoClient.json(plain).get("balance").decimalValue()).isEqualByComparingTo("25.5");
        assertThat(atLeast.body()).isEqualTo(plain.body());
    }

    private static void insertEvent(String accountId, long sequence, String type, String payload) throws Exception {
        String sql = "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)"
                + " VALUES ('account', ?, " + sequence + ", '" + type + "', '1.0', ?::json, '{}'::json)";
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, accountId);
            statement.setString(2, payload);
            statement.executeUpdate();
        }
    }
}
