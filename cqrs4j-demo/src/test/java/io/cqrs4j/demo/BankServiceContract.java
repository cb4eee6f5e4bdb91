// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertNoContent;
import static io.cqrs4j.demo.DemoAssertions.assertProblem;
import static io.cqrs4j.demo.DemoAssertions.assertWalkthroughView;
import static io.cqrs4j.demo.DemoAssertions.deposit;
import static io.cqrs4j.demo.DemoAssertions.open;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.demo.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's behaviour over real HTTP, the same on every store: a subclass says how to open its
 * database (the same one on every call, so that a restart finds the data).
 */
abstract class BankServiceContract {

    protected Storage storage;
    protected BankServer server;
    protected DemoClient client;

    /**
     * Opens the test's database; every call within one test opens the same database again.
     *
     * @return a new storage over it
     */
    protected abstract Storage openStorage();

    @BeforeEach
    void start_the_service() {
        storage = openStorage();
        server = BankServer.start(storage, new HappyPathBankAccountServices(), 0);
        client = new DemoClient(server.port());
    }

    @AfterEach
    void stop_the_service() throws Exception {
        server.close();
        storage.close();
    }

    protected void restart() throws Exception {
        stop_the_service();
        start_the_service();
    }

    protected static String newAccountId() {
        return "ACCT-" + UUID.randomUUID();
    }

    protected String openAccount() {
        String accountId = newAccountId();
        assertThat(client.post(accountId, open(accountId)).statusCode()).isEqualTo(204);
        return accountId;
    }

    protected String walkThroughTheCqrsDemoScript(String accountId) {
        assertNoContent(client.post(accountId, open(accountId)), "\"1\"");
        assertNoContent(client.post(accountId, deposit("1000.0")), "\"2\"");
        assertNoContent(client.post(accountId, "{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}"), "\"3\"");
        assertNoContent(client.post(accountId, "{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}"), "\"4\"");
        return accountId;
    }

    @Test
    void the_cqrs_demo_script_ends_with_balance_343_72_one_written_check_and_three_ledger_entries() {
        String accountId = walkThroughTheCqrsDemoScript(newAccountId());

        HttpResponse<String> view = client.get(accountId);

        assertWalkthroughView(view, accountId);
        assertThat(view.body()).contains("\"balance\":343.72");
    }

    @Test
    void every_event_carries_time_uri_user_agent_client_ip_and_the_request_id_as_correlation_id() {
        String accountId = newAccountId();

        client.post(accountId, open(accountId), "X-Request-Id", "req-42");
        client.post(accountId, deposit("5"));

        List<EventEnvelope<BankAccountEvent>> events = storage.events().loadEvents(accountId);
        assertThat(events).hasSize(2);
        Metadata first = events.getFirst().metadata();
        assertThat(first.time()).hasValueSatisfying(time -> assertThat(time).isBefore(Instant.now().plusSeconds(1)));
        assertThat(first.get(Metadata.TIME).orElseThrow()).endsWith("Z");
        assertThat(first.get(Metadata.URI)).hasValue("/account/" + accountId);
        assertThat(first.userAgent()).hasValue(DemoClient.USER_AGENT);
        assertThat(first.clientIp()).hasValue("127.0.0.1");
        assertThat(first.correlationId()).hasValue("req-42");
        assertThat(events.getLast().metadata().correlationId()).isEmpty();
    }

    @Test
    void the_request_id_is_echoed_on_the_response() {
        String accountId = newAccountId();

        HttpResponse<String> response = client.post(accountId, open(accountId), "X-Request-Id", "req-43");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-43");
    }

    @Test
    void a_domain_rejection_is_a_400_problem_with_the_reason_and_writes_nothing() {
        String accountId = openAccount();

        HttpResponse<String> withdrawal = client.post(accountId, "{\"WithdrawMoney\":{\"amount\":1.0,\"atm_id\":\"ATM-1\"}}");
        HttpResponse<String> reopen = client.post(accountId, open(accountId));

        assertProblem(withdrawal, 400, "funds not available");
        assertProblem(reopen, 400, "is already open");
        assertThat(storage.events().loadEvents(accountId)).hasSize(1);
    }

    @Test
    void a_command_to_an_account_that_was_never_opened_is_a_400_problem() {
        String accountId = newAccountId();

        HttpResponse<String> response = client.post(accountId, deposit("10"));

        assertProblem(response, 400, "account is not open; send OpenAccount first");
    }

    @Test
    void opening_an_account_under_another_id_than_the_path_is_a_400_problem() {
        String accountId = newAccountId();

        HttpResponse<String> response = client.post(accountId, open("SOMEONE-ELSE"));

        assertProblem(response, 400, "differs from the account id in the path");
    }

    @Test
    void malformed_json_is_a_400_problem_saying_where() {
        String accountId = openAccount();

        HttpResponse<String> response = client.post(accountId, "{\"DepositMoney\":{\"amount\":1");

        assertProblem(response, 400, "the body is not valid JSON");
        assertThat(DemoClient.json(response).get("detail").asText()).contains("line 1, column");
    }

    @Test
    void an_unknown_command_is_a_400_problem_listing_the_known_ones() {
        String accountId = openAccount();

        HttpResponse<String> response = client.post(accountId, "{\"CloseAccount\":{}}");

        assertProblem(response, 400, "unknown command 'CloseAccount'; expected one of OpenAccount, DepositMoney, WithdrawMoney, WriteCheck");
    }

    @Test
    void a_missing_field_is_a_400_problem_naming_the_field() {
        String accountId = openAccount();

        HttpResponse<String> response = client.post(accountId, "{\"WithdrawMoney\":{\"amount\":1.0}}");

        assertProblem(response, 400, "WithdrawMoney.atm_id is missing");
    }

    @Test
    void a_field_of_the_wrong_type_is_a_400_problem_naming_the_field_and_the_type() {
        String accountId = openAccount();

        HttpResponse<String> response = client.post(accountId, "{\"DepositMoney\":{\"amount\":\"100\"}}");

        assertProblem(response, 400, "DepositMoney.amount must be a number such as 100.0 but was the string \"100\"");
    }

    @Test
    void an_amount_that_is_not_positive_is_a_400_problem() {
        String accountId = openAccount();

        HttpResponse<String> zero = client.post(accountId, deposit("0"));
        HttpResponse<String> negative = client.post(accountId, deposit("-5.5"));

        assertProblem(zero, 400, "DepositMoney.amount must be a positive number but was 0");
        assertProblem(negative, 400, "DepositMoney.amount must be a positive number but was -5.5");
    }

    @Test
    void a_body_over_64_KiB_is_a_413_problem() {
        String accountId = openAccount();
        String padding = " ".repeat(64 * 1024);

        HttpResponse<String> tooLarge = client.post(accountId, deposit("1") + padding);
        HttpResponse<String> justFits = client.post(accountId, deposit("1") + padding.substring(deposit("1").length()));

        assertProblem(tooLarge, 413, "a command is at most 65536 bytes");
        assertThat(justFits.statusCode()).isEqualTo(204);
    }

    @Test
    void a_body_over_64_KiB_without_a_length_is_a_413_problem_too() {
        String accountId = openAccount();
        byte[] body = (deposit("1") + " ".repeat(70_000)).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = client.send(client.request("/account/" + accountId)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        assertProblem(response, 413, "the body is more than 65536 bytes");
    }

    @Test
    void an_account_id_outside_1_to_128_characters_of_the_safe_set_is_a_400_problem() {
        String tooLong = "A".repeat(129);

        HttpResponse<String> longPost = client.post(tooLong, open(tooLong));
        HttpResponse<String> longGet = client.get(tooLong);
        HttpResponse<String> badCharacters = client.get("ACCT%201");
        HttpResponse<String> missing = client.post("", open("x"));
        String longestId = "B".repeat(128 - 36) + UUID.randomUUID();
        HttpResponse<String> longest = client.post(longestId, open(longestId));

        assertProblem(longPost, 400, "is not valid: it must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
        assertProblem(longGet, 400, "(129 characters) is not valid");
        assertProblem(badCharacters, 400, "account id 'ACCT 1'");
        assertProblem(missing, 400, "the account id is missing");
        assertThat(longest.statusCode()).isEqualTo(204);
    }

    @Test
    void an_unknown_account_is_a_404_problem() {
        HttpResponse<String> response = client.get(newAccountId());

        assertProblem(response, 404, "does not exist; open it with POST /account/");
    }

    @Test
    void an_unknown_path_or_method_is_a_problem_too() {
        HttpResponse<String> path = client.send(client.request("/accounts").GET().build());
        HttpResponse<String> method = client.send(client.request("/account/ACCT-1").DELETE().build());

        assertProblem(path, 404, "nothing is served at GET /accounts");
        assertProblem(method, 405, "DELETE is not allowed on /account/ACCT-1");
    }

    @Test
    void a_restart_keeps_every_account_and_continues_its_versions() throws Exception {
        String accountId = walkThroughTheCqrsDemoScript(newAccountId());

        restart();

        assertWalkthroughView(client.get(accountId), accountId);
        assertNoContent(client.post(accountId, deposit("0.28")), "\"5\"");
        assertThat(DemoClient.json(client.get(accountId)).get("balance").decimalValue()).isEqualByComparingTo("344.00");
    }

    @Test
    void fifty_concurrent_deposits_to_one_account_all_succeed_and_add_up_exactly() throws Exception {
        String accountId = openAccount();
        List<String> amounts = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            amounts.add(i + "." + String.format("%02d", i));
        }

        List<HttpResponse<String>> responses = sendConcurrently(client, accountId, amounts);

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(204));
        var etags = new HashSet<String>();
        responses.forEach(response -> etags.add(response.headers().firstValue("ETag").orElseThrow()));
        assertThat(etags).hasSize(50).contains("\"2\"", "\"51\"");
        BigDecimal expected = amounts.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        JsonNode view = DemoClient.json(client.get(accountId));
        assertThat(view.get("balance").decimalValue()).isEqualByComparingTo(expected);
        assertThat(view.get("ledger")).hasSize(50);
    }

    @Test
    void two_servers_on_one_database_retry_their_conflicts_and_lose_nothing() throws Exception {
        String accountId = openAccount();
        try (Storage otherStorage = openStorage();
             BankServer other = BankServer.start(otherStorage, new HappyPathBankAccountServices(), 0)) {
            var otherClient = new DemoClient(other.port());
            List<String> amounts = List.of("1", "2", "3", "4", "5", "6", "7", "8");

            var executor = Executors.newVirtualThreadPerTaskExecutor();
            Future<List<HttpResponse<String>>> here = executor.submit(() -> sendConcurrently(client, accountId, amounts));
            Future<List<HttpResponse<String>>> there = executor.submit(() -> sendConcurrently(otherClient, accountId, amounts));
            var responses = new ArrayList<>(here.get());
            responses.addAll(there.get());
            executor.close();

            assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(204));
            assertThat(responses).extracting(response -> response.headers().firstValue("ETag").orElseThrow())
                    .doesNotHaveDuplicates();
            assertThat(storage.events().loadEvents(accountId)).extracting(EventEnvelope::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 17).boxed().toList());
            JsonNode view = DemoClient.json(otherClient.get(accountId));
            assertThat(view.get("balance").decimalValue()).isEqualByComparingTo("72");
            assertThat(view.get("ledger")).hasSize(16);
        }
    }

    @Test
    void a_view_that_missed_earlier_events_catches_up_from_the_store() {
        String accountId = newAccountId();
        var context = storage.events().load(accountId);
        storage.events().commit(context, List.of(new AccountOpened(accountId),
                new CustomerDepositedMoney(new BigDecimal("1000.0"), new BigDecimal("1000.0"))), Metadata.empty());
        HttpResponse<String> before = client.get(accountId);

        HttpResponse<String> deposit = client.post(accountId, deposit("0.28"));

        assertProblem(before, 404, "does not exist");
        assertNoContent(deposit, "\"3\"");
        JsonNode view = DemoClient.json(client.get(accountId));
        assertThat(view.get("account_id").asText()).isEqualTo(accountId);
        assertThat(view.get("balance").decimalValue()).isEqualByComparingTo("1000.28");
        assertThat(view.get("ledger")).hasSize(2);
    }

    private static List<HttpResponse<String>> sendConcurrently(DemoClient client, String accountId, List<String> amounts)
            throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<HttpResponse<String>>>();
            for (String amount : amounts) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return client.post(accountId, deposit(amount));
                }));
            }
            start.countDown();
            var responses = new ArrayList<HttpResponse<String>>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
