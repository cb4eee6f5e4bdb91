// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Written from the API's rules, not from the parser's code: may this request succeed? Only a
 * request it says yes to may get a 2xx (and then a command must append exactly one event);
 * everything else must be a 4xx problem. The rules: {@code GET} or {@code POST} to
 * {@code /account/{id}} with a valid id (a fragment ignored), a GET with no query but
 * {@code min_version=N}, a POST with none; for POST a Content-Type of {@code application/json} (UTF-8),
 * at most 64 KiB of UTF-8 JSON (a leading BOM ignored) holding exactly one known command with
 * exactly its fields, strings not blank, amounts positive with at most 18 digits before the point
 * and 10 after, and OpenAccount naming the path's id.
 */
final class FuzzOracle {

    /** The one query a GET takes; a version beyond the account's is a 504 by design, so the fuzzer sends none. */
    private static final String MIN_VERSION = "min_version=[1-9][0-9]{0,17}";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "OpenAccount", Set.of("account_id"),
            "DepositMoney", Set.of("amount"),
            "WithdrawMoney", Set.of("amount", "atm_id"),
            "WriteCheck", Set.of("check_number", "amount"));
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private FuzzOracle() {
    }

    /**
     * The account id a request may succeed on, or null when it must fail.
     *
     * @param request the request
     * @return the id, or null
     */
    static String mayReach(FuzzRequests.Request request) {
        String id = accountId(request.target());
        if (id == null) {
            return null;
        }
        boolean query = request.target().contains("?");
        return switch (request.method()) {
            case "GET" -> id;
            case "POST" -> !query && validHeader(request.header()) && jsonType(request.contentType()) && validCommand(request.body(), id) ? id : null;
            default -> null;
        };
    }

    private static String accountId(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return null;
        }
        String path = uri.getPath();
        // a fragment never names a resource: servers drop it, so /account/A#x is /account/A
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty() && !uri.getRawQuery().matches(MIN_VERSION)
                || uri.getScheme() != null || path == null
                || !path.startsWith("/account/") || path.contains("\ufffd")) {
            return null;
        }
        String id = path.substring("/account/".length());
        return ID.matcher(id).matches() ? id : null;
    }

    /** An extra header may not repeat Content-Type, frame the body otherwise, encode it, or be an X-Request-Id that is not 1-200 printable ASCII characters. */
    private static boolean validHeader(String header) {
        if (header == null) {
            return true;
        }
        String name = header.substring(0, header.indexOf(':'));
        String value = header.substring(header.indexOf(':') + 1).strip();
        return switch (name) {
            case "X-Request-Id" -> value.matches("[\\x20-\\x7e]{1,200}");
            case "Content-Type", "Content-Length", "Transfer-Encoding" -> false;
            case "Content-Encoding" -> value.equals("identity");
            default -> header.length() < 8_000;
        };
    }

    private static boolean jsonType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].trim().equalsIgnoreCase(FuzzRequests.JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].equalsIgnoreCase("charset") && (parameter.length < 2 || !parameter[1].trim().equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validCommand(byte[] body, String id) {
        if (body == null || body.length > AccountRoutes.MAX_BODY_BYTES) {
            return false;
        }
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            root = STRICT.readTree(text.startsWith("\ufeff") ? text.substring(1) : text);
        } catch (CharacterCodingException | JsonProcessingException | RuntimeException e) {
            return false;
        }
        if (root == null || !root.isObject() || root.size() != 1) {
            return false;
        }
        String name = root.fieldNames().next();
        JsonNode fields = root.get(name);
        if (!FIELDS.containsKey(name) || !fields.isObject()) {
            return false;
        }
        var names = new HashSet<String>();
        fields.fieldNames().forEachRemaining(names::add);
        if (!names.equals(FIELDS.get(name))) {
            return false;
        }
        for (String field : names) {
            JsonNode value = fields.get(field);
            boolean ok = field.equals("amount") ? validAmount(value) : value.isTextual() && !value.asText().isBlank();
            if (!ok) {
                return false;
            }
        }
        return !name.equals("OpenAccount") || fields.get("account_id").asText().equals(id);
    }

    private static boolean validAmount(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        BigDecimal amount = value.decimalValue().stripTrailingZeros();
        return amount.signum() > 0 && amount.precision() - amount.scale() <= 18 && amount.scale() <= 10;
    }
}
