// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of bad (and a few good) HTTP requests to the bank service: mutated and random
 * JSON bodies, odd numbers and strings, deep nesting, oversized bodies, wrong Content-Types,
 * invalid ids and paths, wrong methods. The same seed gives the same requests.
 */
final class FuzzRequests {

    static final String JSON = "application/json";

    /**
     * One request.
     *
     * @param method the method
     * @param target the request target as sent, e.g. {@code /account/ACCT-1}
     * @param contentType the Content-Type, or null for none
     * @param body the body, or null for none
     * @param kind what the generator meant to break, for the failure message
     * @param header one more header line, {@code Name: value}, or null
     */
    record Request(String method, String target, String contentType, byte[] body, String kind, String header) {

        Request(String method, String target, String contentType, byte[] body, String kind) {
            this(method, target, contentType, body, kind, null);
        }

        /** The request as a failure message shows it: escaped, long parts cut. */
        String describe() {
            String text = body == null ? "(none)" : escape(new String(body, StandardCharsets.UTF_8));
            return kind + ": " + escape(method) + " " + escape(target) + (header == null ? "" : " " + escape(header))
                    + " Content-Type: " + contentType
                    + " body (" + (body == null ? 0 : body.length) + " bytes): " + text;
        }

        private static String escape(String text) {
            var out = new StringBuilder();
            text.codePoints().limit(300).forEach(c -> out.append(c < 0x20 || c == 0x7f || (c >= 0xd800 && c < 0xe000)
                    ? String.format("\\u%04x", c) : Character.toString(c)));
            return text.codePointCount(0, text.length()) > 300 ? out + "…" : out.toString();
        }
    }

    /** Paths that name no valid account: empty, long, encoded slashes, dot segments, controls, SQL. */
    static final List<String> BAD_PATHS = List.of("/account/", "/account", "/account//", "/account/" + "A".repeat(129),
            "/account/" + "A".repeat(5000), "/account/A%2FB", "/account/A%2fB", "/account/..", "/account/%2e%2e",
            "/account/../account/SEED-RICH", "/account/.", "/account/A/B", "/account/%00", "/account/A%00B",
            "/account/A%0AB", "/account/A%0D%0AX-Injected:%201", "/account/A%20B", "/account/%27%20OR%201%3D1%20--",
            "/account/'%20OR%201=1%20--", "/account/%E2%80%AE", "/account/%F0%9F%92%B8", "/account/%C3%28",
            "/account/%FF", "/account/%", "/account/%zz", "/account/A%", "/account/A;x=1", "/account/;", "/ACCOUNT/SEED-RICH",
            "//account/SEED-RICH", "/account/SEED-RICH/extra", "/", "*", "/accounts/SEED-RICH", "/account/\u00e9",
            "/account/\u202eRTL", "/account/\ud83d\udcb8", "/account/A\tB", "/account/A\u0001B", "/account/A B",
            "/account/A\u007fB", "/account/A\\B", "/account/<script>", "/account/A?min_version=", "/account/%3F",
            "/account/%23", "/account/A#frag", "/account/SEED-RICH?min_version=abc", "/account/SEED-RICH?min_version=-1",
            "/account/SEED-RICH?min_version=0", "/account/SEED-RICH?min_version=1e3", "/account/SEED-RICH?min_version=99999999999999999999",
            "/account/SEED-RICH?min_version=%00", "/account/SEED-RICH?min_version=%E2%80%AE", "/account/SEED-RICH?min_version=1&min_version=x",
            "http://127.0.0.1/account/A%2FB", "/account/SEED-RICH?foo=1", "/account/SEED-RICH?%zz", "/account/SEED-RICH?=1",
            "/account/SEED-RICH?min_version=1&x=%00", "/account/SEED-RICH/", "/account/SEED-RICH//", "/account/SEED-RICH%20",
            "/account/..%2f", "/account/%2e", "/account/SEED-RICH%00", "/account/SEED-RICH%0a", "/account/SEED-RICH/.", "/account/SEED-RICH%2F..%2FNEVER-OPENED");
    static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "post", "Get", "PROPFIND");
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-16",
            "application/json; charset=latin1", "application/jsonx", "json", ";;;", "", "application/problem+json",
            "*/*", "application/json, text/plain", "\u00e9");

    /** Header lines: request ids blank, long, non-ASCII or with controls, huge headers, conflicting framing, encodings. */
    static final List<String> HEADERS = List.of("X-Request-Id: ", "X-Request-Id:    ", "X-Request-Id: " + "r".repeat(201),
            "X-Request-Id: " + "r".repeat(9_000), "X-Request-Id: \u00e9\ud83d\udcb8", "X-Request-Id: a\u0001b", "X-Request-Id: a\u007fb",
            "User-Agent: " + "u".repeat(9_000), "X-Request-Id: req-ok-1", "Content-Type: text/plain", "Transfer-Encoding: chunked",
            "Content-Length: 5", "Content-Length: -1", "Expect: 100-continue", "Content-Encoding: gzip", "Content-Encoding: identity",
            "X-Request-Id: ' OR 1=1 --", "Host: other.example", "X-Forwarded-For: ' OR 1=1 --");

    private final Random random;
    private final JsonFuzz json;
    private final List<String> accounts;

    /**
     * A stream over the given accounts.
     *
     * @param seed the seed
     * @param accounts the ids most requests go to, e.g. seeded accounts and one never opened
     */
    FuzzRequests(long seed, List<String> accounts) {
        this.random = new Random(seed);
        this.json = new JsonFuzz(random);
        this.accounts = List.copyOf(accounts);
    }

    /** The next request. */
    Request next() {
        String id = json.pick(accounts);
        int roll = random.nextInt(100);
        if (roll < 30) {
            JsonFuzz.Value value = json.validCommand(id);
            for (int i = 1 + random.nextInt(3); i > 0 && value instanceof JsonFuzz.Obj command; i--) {
                value = json.mutate(command);
            }
            return post(id, JsonFuzz.write(value), "mutated command");
        }
        if (roll < 42) {
            return post(id, JsonFuzz.write(json.randomValue(4)), "random JSON");
        }
        if (roll < 57) {
            byte[] valid = JsonFuzz.write(json.validCommand(id)).getBytes(StandardCharsets.UTF_8);
            return new Request("POST", "/account/" + id, JSON, json.damage(valid), "damaged bytes");
        }
        if (roll < 64) {
            String command = json.pick(List.of("DepositMoney\":{\"amount\":%s}}", "WithdrawMoney\":{\"amount\":%s,\"atm_id\":\"A\"}}",
                    "WriteCheck\":{\"check_number\":\"1\",\"amount\":%s}}"));
            return post(id, "{\"" + command.formatted(json.pick(JsonFuzz.NUMBERS)), "odd number");
        }
        if (roll < 70) {
            String field = JsonFuzz.write(new JsonFuzz.Str(json.pick(JsonFuzz.STRINGS)));
            String body = json.pick(List.of("{\"OpenAccount\":{\"account_id\":%s}}", "{\"WithdrawMoney\":{\"amount\":1,\"atm_id\":%s}}",
                    "{\"WriteCheck\":{\"check_number\":%s,\"amount\":1}}", "{%s:{\"amount\":1}}", "{\"DepositMoney\":{%s:1}}"));
            return post(id, body.formatted(field), "odd string");
        }
        if (roll < 73) {
            int levels = json.pick(List.of(400, 600, 1_000, 10_000, 30_000));
            String body = JsonFuzz.nested(levels, random.nextBoolean() ? '[' : '{', random.nextBoolean(), random.nextBoolean());
            return post(id, body, "nesting " + levels + " deep");
        }
        if (roll < 75) {
            int size = json.pick(List.of(65_537, 70_000, 300_000, 2 * 1024 * 1024));
            String body = "{\"DepositMoney\":{\"amount\":1" + " ".repeat(size) + "}}";
            return post(id, body, "oversized body");
        }
        if (roll < 82) {
            byte[] valid = JsonFuzz.write(json.validCommand(id)).getBytes(StandardCharsets.UTF_8);
            String type = random.nextInt(5) == 0 ? null : json.pick(CONTENT_TYPES);
            return new Request("POST", "/account/" + id, type, valid, "wrong Content-Type");
        }
        if (roll < 94) {
            String path = json.pick(BAD_PATHS);
            boolean post = random.nextBoolean() && !path.contains("?");
            byte[] body = post ? JsonFuzz.write(json.validCommand("A")).getBytes(StandardCharsets.UTF_8) : null;
            return new Request(post ? "POST" : "GET", path, post ? JSON : null, body, "bad path");
        }
        if (roll < 97) {
            return new Request("POST", "/account/" + id, JSON, JsonFuzz.write(json.validCommand(id)).getBytes(StandardCharsets.UTF_8),
                    "odd header", json.pick(HEADERS));
        }
        String method = json.pick(METHODS);
        return new Request(method, "/account/" + id, JSON, JsonFuzz.write(json.validCommand(id)).getBytes(StandardCharsets.UTF_8),
                "wrong method");
    }

    private static Request post(String id, String body, String kind) {
        return new Request("POST", "/account/" + id, JSON, body.getBytes(StandardCharsets.UTF_8), kind);
    }
}
