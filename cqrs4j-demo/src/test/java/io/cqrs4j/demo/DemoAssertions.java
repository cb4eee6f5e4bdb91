// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** The command bodies of cqrs-demo's script and what the demo's answers must look like. */
final class DemoAssertions {

    private DemoAssertions() {
    }

    static String open(String accountId) {
        return "{\"OpenAccount\":{\"account_id\":\"" + accountId + "\"}}";
    }

    static String deposit(String amount) {
        return "{\"DepositMoney\":{\"amount\":" + amount + "}}";
    }

    static void assertNoContent(HttpResponse<String> response, String etag) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
        assertThat(response.body()).isEmpty();
    }

    static void assertWalkthroughView(HttpResponse<String> response, String accountId) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode view = DemoClient.json(response);
        assertThat(view.get("account_id").asText()).isEqualTo(accountId);
        assertThat(view.get("balance").decimalValue()).isEqualByComparingTo("343.72");
        assertThat(view.get("written_checks").toString()).isEqualTo("[\"1170\"]");
        assertThat(view.get("ledger").toString()).isEqualTo("[{\"description\":\"deposit\",\"amount\":1000.0},"
                + "{\"description\":\"atm withdrawal\",\"amount\":400.0},{\"description\":\"1170\",\"amount\":256.28}]");
    }

    static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = DemoClient.json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detailPart);
    }

}
