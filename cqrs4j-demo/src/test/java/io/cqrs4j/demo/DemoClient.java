// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real HTTP client of one running {@link BankServer}, for the end-to-end tests. */
final class DemoClient {

    static final String USER_AGENT = "cqrs4j-demo-tests/1.0";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final URI base;

    DemoClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    HttpResponse<String> post(String accountId, String body, String... headers) {
        return send(request("/account/" + accountId, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    HttpResponse<String> get(String accountId, String... headers) {
        return send(request("/account/" + accountId, headers).GET().build());
    }

    HttpRequest.Builder request(String path, String... headers) {
        var builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("User-Agent", USER_AGENT);
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
