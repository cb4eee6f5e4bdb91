// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sends requests to a {@link FuzzedService} and checks each answer: a 4xx
 * {@code application/problem+json} whose detail says what was wrong without internals, and the
 * store unchanged; or, for a request {@link FuzzOracle} calls valid, a 2xx that appended exactly
 * one event (a command) or nothing (a GET). A request without an answer in
 * {@link RawHttp#TIMEOUT_MILLIS} fails at once; other failures are gathered, the first of each
 * kind, and reported together by {@link #assertNoFailures()}.
 */
final class FuzzCampaign {

    /** What no detail may show: exception and class names, Jackson's hints, stack frames, source paths, HTML. */
    static final Pattern LEAK = Pattern.compile("Exception|Error:|\\bat [a-z]+\\.[a-z]|\\b(java|javax|jakarta|com|org|io|sun|jdk)"
            + "\\.[a-z]+\\.|`[A-Za-z]+\\.[A-Za-z]+|StreamReadConstraints|JsonReadFeature|JsonParser|Jackson|jackson|\\.java:\\d|"
            + "\\[Source:|<html|Servlet|jetty|Jetty");

    private final FuzzedService service;
    private final String label;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final List<String> successes = new ArrayList<>();
    private StoreFingerprint before;
    private String views;
    private int sent;

    /**
     * A campaign against one service.
     *
     * @param service the service, its accounts seeded
     * @param label the seed and store, for every failure message
     */
    FuzzCampaign(FuzzedService service, String label) throws Exception {
        this.service = service;
        this.label = label;
        this.before = service.fingerprint();
        this.views = service.views();
    }

    /** Sends one request and checks its answer and the store. */
    void send(FuzzRequests.Request request) throws Exception {
        sent++;
        String context = label + ", request #" + sent + " " + request.describe();
        RawHttp.Response response;
        try {
            response = service.raw.send(request.method(), request.target(), request.contentType(), request.body(), request.header());
        } catch (IOException e) {
            throw new UncheckedIOException(context + "\n  got no answer within " + RawHttp.TIMEOUT_MILLIS + " ms: " + e, e);
        }
        context += "\n  answered " + response.status() + " " + response.contentType() + " " + excerpt(response.body());
        try {
            String reachable = FuzzOracle.mayReach(request);
            if (response.status() >= 200 && response.status() < 300) {
                assertThat(reachable).as(context + "\n  succeeded, but the API's rules say it must fail").isNotNull();
                before = assertAtMostOneEvent(request, reachable, context);
                successes.add(request.kind());
                views = service.views();
            } else {
                assertClearProblem(response, context);
                assertThat(service.fingerprint()).as(context + "\n  changed the store").isEqualTo(before);
            }
            if (sent % 500 == 0) {
                assertThat(service.views()).as(context + "\n  GET answers changed").isEqualTo(views);
            }
        } catch (AssertionError e) {
            // the first example of each kind of failure, then carry on from the store as it now is
            failures.putIfAbsent(request.kind() + " " + response.status() + " " + response.contentType(), e.getMessage());
            before = service.fingerprint();
            views = service.views();
        }
    }

    private StoreFingerprint assertAtMostOneEvent(FuzzRequests.Request request, String accountId, String context) throws Exception {
        service.track(accountId);
        StoreFingerprint after = service.fingerprint();
        if (request.method().equals("GET")) {
            assertThat(after).as(context + "\n  a GET changed the store").isEqualTo(before);
            return after;
        }
        List<String> expected = new ArrayList<>(before.commits());
        expected.add(accountId + " +1");
        assertThat(after.commits()).as(context + "\n  a valid command must append exactly one event, once").isEqualTo(expected);
        before.accounts().forEach((id, events) -> {
            if (!id.equals(accountId)) {
                assertThat(after.accounts().get(id)).as(context + "\n  changed account " + id).isEqualTo(events);
            }
        });
        return after;
    }

    /** Fails with every kind of failure seen, then checks that GET still answers as the store says. */
    void assertNoFailures() {
        assertThat(failures).as(label + ": " + failures.size() + " kinds of failure in " + sent + " requests:\n"
                + String.join("\n\n", failures.values())).isEmpty();
        assertThat(service.views()).as(label + ": GET answers after " + sent + " requests").isEqualTo(views);
    }

    /** The kinds of the requests that succeeded. */
    List<String> successes() {
        return List.copyOf(successes);
    }

    int sent() {
        return sent;
    }

    /**
     * Asserts a 4xx problem whose detail says what was wrong without showing internals.
     *
     * @param response the response
     * @param context the seed and request, for the failure message
     */
    static void assertClearProblem(RawHttp.Response response, String context) {
        assertThat(response.status()).as(context + "\n  must be a 4xx").isBetween(400, 499);
        assertThat(response.contentType()).as(context + "\n  must be a problem").startsWith(Problems.CONTENT_TYPE);
        JsonNode problem;
        try {
            problem = DemoClient.json(response.body());
        } catch (UncheckedIOException e) {
            fail(context + "\n  the problem is not JSON");
            return;
        }
        assertThat(problem.path("status").asInt()).as(context).isEqualTo(response.status());
        assertThat(problem.path("title").asText()).as(context).isNotBlank();
        String detail = problem.path("detail").asText();
        assertThat(detail).as(context + "\n  the detail must say what is wrong").hasSizeGreaterThan(20);
        assertThat(detail).as(context + "\n  the detail must not show internals").doesNotContainPattern(LEAK);
    }

    private static String excerpt(String text) {
        return text.length() <= 400 ? text : text.substring(0, 400) + "…";
    }
}
