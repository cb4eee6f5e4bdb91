// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertNoContent;
import static io.cqrs4j.demo.DemoAssertions.assertProblem;
import static io.cqrs4j.demo.DemoAssertions.assertWalkthroughView;
import static io.cqrs4j.demo.DemoAssertions.deposit;
import static io.cqrs4j.demo.DemoAssertions.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrs4j.demo.Options.SourceOfTruth;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo over HTTP on PostgreSQL, event sourced, in a schema of this class's own; plus what only
 * a real database shows: the stored rows, cqrs-demo's own data, and the database going away.
 */
class PostgresBankServiceTest extends BankServiceContract {

    private static TestPostgres database;

    @BeforeAll
    static void create_the_schema() throws Exception {
        database = new TestPostgres();
    }

    @AfterAll
    static void drop_the_schema() throws Exception {
        database.close();
    }

    @Override
    protected Storage openStorage() {
        return Stores.postgres(database.demoUrl(), new SourceOfTruth.EventSourced());
    }

    @Test
    void stores_rows_in_the_postgres_es_shape_with_the_request_metadata() throws Exception {
        String accountId = newAccountId();
        client.post(accountId, open(accountId), "X-Request-Id", "req-pg-1");
        client.post(accountId, deposit("1000.0"), "X-Request-Id", "req-pg-2");

        List<List<String>> rows = rows("SELECT aggregate_type, aggregate_id, sequence, event_type, event_version,"
                + " payload::text, metadata::text FROM events WHERE aggregate_id = ? ORDER BY sequence", accountId);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).subList(0, 5)).containsExactly("account", accountId, "1", "AccountOpened", "1.0");
        assertThat(rows.get(1).subList(0, 5)).containsExactly("account", accountId, "2", "CustomerDepositedMoney", "1.0");
        assertThat(DemoClient.json(rows.get(0).get(5)).toString())
                .isEqualTo("{\"AccountOpened\":{\"account_id\":\"" + accountId + "\"}}");
        assertThat(DemoClient.json(rows.get(1).get(5)).toString())
                .isEqualTo("{\"CustomerDepositedMoney\":{\"amount\":1000.0,\"balance\":1000.0}}");
        JsonNode metadata = DemoClient.json(rows.get(1).get(6));
        assertThat(metadata.properties()).allSatisfy(entry -> assertThat(entry.getValue().isTextual()).isTrue());
        assertThat(metadata.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(metadata.get("uri").asText()).isEqualTo("/account/" + accountId);
        assertThat(metadata.get("User-Agent").asText()).isEqualTo(DemoClient.USER_AGENT);
        assertThat(metadata.get("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(metadata.get("correlation_id").asText()).isEqualTo("req-pg-2");
    }

    @Test
    void keys_the_events_table_on_aggregate_type_id_and_sequence_and_keeps_the_view_in_account_query() throws Exception {
        String accountId = walkThroughTheCqrsDemoScript(newAccountId());

        List<List<String>> key = rows("SELECT k.column_name FROM information_schema.table_constraints c"
                + " JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name"
                + " AND k.table_schema = c.table_schema WHERE c.table_schema = ? AND c.table_name = 'events'"
                + " AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position", database.schema());
        List<List<String>> view = rows("SELECT version, payload::text FROM account_query WHERE view_id = ?", accountId);

        assertThat(key).containsExactly(List.of("aggregate_type"), List.of("aggregate_id"), List.of("sequence"));
        assertThat(view).hasSize(1);
        assertThat(view.getFirst().getFirst()).isEqualTo("4");
        assertThat(DemoClient.json(view.getFirst().get(1)).toString()).isEqualTo("{\"account_id\":\"" + accountId
                + "\",\"balance\":343.72,\"written_checks\":[\"1170\"],\"ledger\":[{\"description\":\"deposit\","
                + "\"amount\":1000.0},{\"description\":\"atm withdrawal\",\"amount\":400.0},"
                + "{\"description\":\"1170\",\"amount\":256.28}]}");
    }

    @Test
    void serves_an_account_that_cqrs_demo_wrote_and_continues_it() throws Exception {
        String accountId = newAccountId();
        String metadata = "{\"time\":\"2023-07-06T10:00:00.000000Z\",\"uri\":\"/account/" + accountId
                + "\",\"User-Agent\":\"curl/7.81.0\"}";
        insertEvent(accountId, 1, "AccountOpened", "{\"AccountOpened\":{\"account_id\":\"" + accountId + "\"}}", metadata);
        insertEvent(accountId, 2, "CustomerDepositedMoney", "{\"CustomerDepositedMoney\":{\"amount\":1000.0,\"balance\":1000.0}}", metadata);
        insertEvent(accountId, 3, "CustomerWithdrewCash", "{\"CustomerWithdrewCash\":{\"amount\":400.0,\"balance\":600.0}}", metadata);
        insertEvent(accountId, 4, "CustomerWroteCheck",
                "{\"CustomerWroteCheck\":{\"check_number\":\"1170\",\"amount\":256.28,\"balance\":343.72}}", metadata);
        execute("INSERT INTO account_query (view_id, version, payload) VALUES (?, 4, ?::json)", accountId,
                "{\"account_id\":\"" + accountId + "\",\"balance\":343.72,\"written_checks\":[\"1170\"],\"ledger\":["
                        + "{\"description\":\"deposit\",\"amount\":1000.0},{\"description\":\"atm withdrawal\",\"amount\":400.0},"
                        + "{\"description\":\"1170\",\"amount\":256.28}]}");

        HttpResponse<String> view = client.get(accountId);
        HttpResponse<String> overdraw = client.post(accountId, "{\"WithdrawMoney\":{\"amount\":343.73,\"atm_id\":\"ATM-1\"}}");
        HttpResponse<String> withdrawal = client.post(accountId, "{\"WithdrawMoney\":{\"amount\":343.72,\"atm_id\":\"ATM-1\"}}");

        assertWalkthroughView(view, accountId);
        assertProblem(overdraw, 400, "funds not available");
        assertNoContent(withdrawal, "\"5\"");
        assertThat(DemoClient.json(client.get(accountId)).get("balance").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void a_database_that_went_away_is_a_503_problem() {
        String accountId = openAccount();

        storage.close();
        HttpResponse<String> command = client.post(accountId, deposit("10"));
        HttpResponse<String> query = client.get(accountId);

        assertProblem(command, 503, "the database cannot be reached; nothing was written");
        assertProblem(query, 503, "the database cannot be reached");
        assertThat(command.headers().firstValue("Retry-After")).isPresent();
    }

    private void insertEvent(String accountId, long sequence, String type, String payload, String metadata) throws Exception {
        execute("INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)"
                + " VALUES ('account', ?, " + sequence + ", '" + type + "', '1.0', ?::json, ?::json)", accountId, payload, metadata);
    }

    private static void execute(String sql, String... parameters) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static List<List<String>> rows(String sql, String parameter) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                var rows = new ArrayList<List<String>>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new ArrayList<String>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
