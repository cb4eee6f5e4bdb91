// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.FuzzRequests.Request;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every listed kind of bad input, sent once each (no randomness), with the same checks as the
 * fuzz campaign; and what each fix the fuzzer led to answers, over HTTP.
 */
class HttpBadInputTest {

    private static final String DEPOSIT = "{\"DepositMoney\":{\"amount\":10}}";

    @TempDir
    static Path directory;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"memory", "sqlite"})
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a bound, not a measurement: a few seconds per store
    void every_listed_bad_path_method_content_type_number_string_nesting_and_size_is_a_4xx_problem(String store) throws Exception {
        try (var service = new FuzzedService(store, directory)) {
            var campaign = new FuzzCampaign(service, "the fixed corpus on " + store);
            List<Request> corpus = corpus();

            for (Request request : corpus) {
                campaign.send(request);
            }

            campaign.assertNoFailures();
            assertThat(campaign.successes()).as("valid requests in the corpus").isEmpty();
        }
    }

    static List<Request> corpus() {
        var corpus = new ArrayList<Request>();
        byte[] deposit = utf8(DEPOSIT);
        for (String path : FuzzRequests.BAD_PATHS) {
            corpus.add(new Request("GET", path, null, null, "bad path"));
            corpus.add(new Request("POST", path, FuzzRequests.JSON, deposit, "bad path"));
        }
        for (String method : FuzzRequests.METHODS) {
            corpus.add(new Request(method, "/account/SEED-RICH", FuzzRequests.JSON, deposit, "wrong method"));
        }
        for (String type : FuzzRequests.CONTENT_TYPES) {
            corpus.add(new Request("POST", "/account/SEED-RICH", type, deposit, "wrong Content-Type"));
        }
        corpus.add(new Request("POST", "/account/SEED-RICH", null, deposit, "no Content-Type"));
        for (String header : FuzzRequests.HEADERS) {
            corpus.add(new Request("POST", "/account/NEVER-OPENED", FuzzRequests.JSON, deposit, "header", header));
        }
        // NEVER-OPENED refuses even a valid amount, so every one of these must be a 4xx
        for (String number : JsonFuzz.NUMBERS) {
            corpus.add(post("{\"DepositMoney\":{\"amount\":" + number + "}}", "number"));
            corpus.add(post("{\"WithdrawMoney\":{\"amount\":" + number + ",\"atm_id\":\"ATM-1\"}}", "number"));
            corpus.add(post("{\"WriteCheck\":{\"check_number\":\"1\",\"amount\":" + number + "}}", "number"));
        }
        for (String text : JsonFuzz.STRINGS) {
            String json = JsonFuzz.write(new JsonFuzz.Str(text));
            corpus.add(post("{\"OpenAccount\":{\"account_id\":" + json + "}}", "string"));
            corpus.add(post("{\"WithdrawMoney\":{\"amount\":1,\"atm_id\":" + json + "}}", "string"));
            corpus.add(post("{\"WriteCheck\":{\"check_number\":" + json + ",\"amount\":1}}", "string"));
            corpus.add(post("{" + json + ":{\"amount\":1}}", "string"));
        }
        for (char open : new char[] {'[', '{'}) {
            for (boolean closed : new boolean[] {true, false}) {
                corpus.add(post(JsonFuzz.nested(10_000, open, closed, false), "nesting"));
                corpus.add(post(JsonFuzz.nested(10_000, open, closed, true), "nesting"));
            }
        }
        for (String body : List.of("", " \n\t", "\ufeff", "null", "true", "1", "\"DepositMoney\"", "[]", "{}", "{\"DepositMoney\":{}}",
                "{\"DepositMoney\":{\"amount\":10},\"OpenAccount\":{\"account_id\":\"NEVER-OPENED\"}}", DEPOSIT + "x", DEPOSIT + DEPOSIT,
                DEPOSIT.substring(0, 20), "{\"DepositMoney\":{\"amount\":10,\"amount\":10}}", "{'DepositMoney':{'amount':10}}",
                "{DepositMoney:{amount:10}}", "{\"DepositMoney\":{\"amount\":10,}}", "/*c*/" + DEPOSIT)) {
            corpus.add(post(body, "body"));
        }
        for (byte[] bytes : List.of(new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, DEPOSIT.getBytes(StandardCharsets.UTF_16),
                DEPOSIT.getBytes(StandardCharsets.UTF_16LE), new byte[] {0, 0, 0, 0})) {
            corpus.add(new Request("POST", "/account/NEVER-OPENED", FuzzRequests.JSON, bytes, "bytes"));
        }
        for (int size : List.of(2 * 1024 * 1024, 20 * 1024 * 1024)) {
            corpus.add(post("{\"DepositMoney\":{\"amount\":1" + " ".repeat(size) + "}}", "oversized body"));
        }
        return corpus;
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void ten_thousand_levels_of_nesting_is_a_400_naming_the_limit() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var response = service.client.post("SEED-RICH", JsonFuzz.nested(10_000, '[', true, true));

            assertProblem(response, 400, "the body nests deeper than 16 levels of arrays and objects; a command nests two");
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void a_20_MB_body_is_a_413_problem_with_or_without_a_length_and_the_service_keeps_serving() throws Exception {
        byte[] body = utf8("{\"DepositMoney\":{\"amount\":1" + " ".repeat(20 * 1024 * 1024) + "}}");
        try (var service = new FuzzedService("memory", directory)) {
            var withLength = service.client.post("SEED-RICH", new String(body, StandardCharsets.UTF_8));
            var chunked = service.client.send(service.client.request("/account/SEED-RICH")
                    .header("Content-Type", FuzzRequests.JSON)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

            assertProblem(withLength, 413, "a command is at most 65536 bytes");
            assertProblem(chunked, 413, "the body is more than 65536 bytes");
            assertThat(service.client.get("SEED-RICH").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_body_that_is_not_declared_as_json_is_a_415_problem() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var plain = service.raw.send("POST", "/account/SEED-RICH", "text/plain", utf8(DEPOSIT));
            var none = service.raw.send("POST", "/account/SEED-RICH", null, utf8(DEPOSIT));

            FuzzCampaign.assertClearProblem(plain, "text/plain");
            assertThat(plain.status()).isEqualTo(415);
            assertThat(plain.body()).contains("the Content-Type is 'text/plain'; send the command as application/json");
            assertThat(none.status()).isEqualTo(415);
            assertThat(none.body()).contains("the Content-Type header is missing");
        }
    }

    @Test
    void a_path_jetty_refuses_before_any_route_is_a_problem_not_an_html_page() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var unicode = service.raw.send("GET", "/account/\u00e9", null, null);
            var control = service.raw.send("GET", "/account/A\u0001B", null, null);
            var tooLong = service.raw.send("GET", "/account/" + "A".repeat(20_000), null, null);

            FuzzCampaign.assertClearProblem(unicode, "unicode");
            assertThat(unicode.body()).contains("HTTP 400").contains("the request line or path is malformed");
            FuzzCampaign.assertClearProblem(control, "control character");
            FuzzCampaign.assertClearProblem(tooLong, "20,000 characters");
            assertThat(tooLong.status()).isEqualTo(414);
        }
    }

    @Test
    void a_trailing_slash_names_no_account() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var post = service.client.post("SEED-RICH/", DEPOSIT);
            var get = service.client.get("SEED-RICH/");
            var missing = service.client.get("");

            assertProblem(post, 404, "nothing is served at POST /account/SEED-RICH/");
            assertProblem(get, 404, "nothing is served at GET /account/SEED-RICH/");
            assertProblem(missing, 400, "the account id is missing");
            assertThat(service.fingerprint().commits()).hasSize(8);
        }
    }

    @Test
    void a_domain_refusal_names_the_account_and_the_command() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var response = service.client.post("SEED-EMPTY", "{\"WithdrawMoney\":{\"amount\":509,\"atm_id\":\"ATM-1\"}}");

            assertProblem(response, 400, "account SEED-EMPTY refused WithdrawMoney of 509: funds not available");
        }
    }

    @Test
    void a_repeated_min_version_is_a_400_problem() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var response = service.client.send(service.client.request("/account/SEED-RICH?min_version=1&min_version=9").GET().build());

            assertProblem(response, 400, "min_version is given 2 times; give it once");
        }
    }

    @Test
    void query_parameters_other_than_one_min_version_on_a_get_are_a_400_problem() throws Exception {
        try (var service = new FuzzedService("memory", directory)) {
            var onPost = service.raw.send("POST", "/account/SEED-RICH?min_version=abc", FuzzRequests.JSON, utf8(DEPOSIT));
            var unknown = service.client.send(service.client.request("/account/SEED-RICH?foo=1").GET().build());
            var malformed = service.raw.send("GET", "/account/SEED-RICH?%zz", null, null);

            assertThat(onPost.status()).isEqualTo(400);
            assertThat(onPost.body()).contains("POST /account/{id} takes no query parameters but got 'min_version=abc'");
            assertProblem(unknown, 400, "unknown query parameter 'foo'; GET /account/{id} takes only min_version");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.body()).contains("the query string '%zz' has a '%' that is not followed by two hexadecimal digits");
        }
    }

    private static Request post(String body, String kind) {
        return new Request("POST", "/account/NEVER-OPENED", FuzzRequests.JSON, utf8(body), kind);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
