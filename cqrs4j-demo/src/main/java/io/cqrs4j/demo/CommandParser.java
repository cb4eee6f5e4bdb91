// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a command body in cqrs-demo's externally tagged shape, {@code {"DepositMoney":{"amount":1000.0}}},
 * into a command record, and says exactly what is wrong when it cannot.
 */
final class CommandParser {

    static final String EXAMPLE = "{\"DepositMoney\":{\"amount\":1000.0}}";
    private static final String COMMANDS = "OpenAccount, DepositMoney, WithdrawMoney, WriteCheck";
    private static final Set<String> KNOWN = Set.of("OpenAccount", "DepositMoney", "WithdrawMoney", "WriteCheck");
    private static final int MAX_INTEGER_DIGITS = 18;
    private static final int MAX_FRACTION_DIGITS = 10;
    private static final String SMALLEST = "0.0000000001";
    private static final String LARGEST = "999999999999999999.9999999999";
    private static final String BYTE_ORDER_MARK = "\ufeff";

    private CommandParser() {
    }

    /**
     * Parses one command.
     *
     * @param body the request body, UTF-8 JSON
     * @return the command
     * @throws InvalidRequestException (400) naming what is malformed, unknown, missing or mistyped
     */
    static BankAccountCommand parse(byte[] body) {
        JsonNode root = readTree(body);
        if (!root.isObject() || root.size() != 1) {
            throw bad("the body must be a JSON object with exactly one command name as its key, such as "
                    + EXAMPLE + ", but was " + describe(root));
        }
        var command = root.properties().iterator().next();
        String name = command.getKey();
        JsonNode fields = command.getValue();
        if (!KNOWN.contains(name)) {
            throw bad("unknown command '" + name + "'; expected one of " + COMMANDS);
        }
        if (!fields.isObject()) {
            throw bad(name + " must hold an object of fields but held " + describe(fields));
        }
        var reader = new Fields(name, fields);
        BankAccountCommand parsed = switch (name) {
            case "OpenAccount" -> new OpenAccount(reader.text("account_id"));
            case "DepositMoney" -> new DepositMoney(reader.amount("amount"));
            case "WithdrawMoney" -> new WithdrawMoney(reader.amount("amount"), reader.text("atm_id"));
            case "WriteCheck" -> new WriteCheck(reader.text("check_number"), reader.amount("amount"));
            default -> throw new IllegalStateException("command " + name + " is in KNOWN but not parsed");
        };
        reader.rejectUnknownFields();
        return parsed;
    }

    private static JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw bad("the body is empty; send one command such as " + EXAMPLE);
        }
        String text = utf8(body);
        if (text.startsWith(BYTE_ORDER_MARK)) {
            text = text.substring(1); // RFC 8259 lets a parser ignore it, and Windows tools write it
        }
        if (text.isBlank()) {
            throw bad("the body holds only whitespace; send one command such as " + EXAMPLE);
        }
        try {
            return Json.COMMANDS.readTree(text);
        } catch (StreamConstraintsException e) {
            throw bad(overLimit(e.getOriginalMessage()) + where(e));
        } catch (JsonProcessingException e) {
            throw bad("the body is not valid JSON: " + withoutInternals(e.getOriginalMessage()) + where(e));
        } catch (NumberFormatException e) {
            // Jackson lets this out for an exponent beyond an int, as in 1e-2147483649
            throw bad("a number in the body is out of range (its exponent is beyond 2147483647); an amount has at most "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it");
        }
    }

    /** Decodes strict UTF-8, naming the first byte that is not, as Jackson would guess another encoding or say less. */
    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = Math.min(in.position(), body.length - 1);
            throw bad("the body is not UTF-8: the byte 0x%02X at offset %d does not belong to a UTF-8 character; send the JSON in UTF-8"
                    .formatted(body[offset] & 0xff, offset));
        }
        return out.flip().toString();
    }

    private static String overLimit(String message) {
        if (message.contains("nesting depth")) {
            return "the body nests deeper than " + Json.MAX_COMMAND_DEPTH + " levels of arrays and objects; a command nests two, as in "
                    + EXAMPLE;
        }
        if (message.contains("Number value length")) {
            return "a number in the body is longer than " + Json.MAX_NUMBER_LENGTH + " characters; an amount has at most "
                    + MAX_INTEGER_DIGITS + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it";
        }
        return "the body is beyond what a command may be: " + withoutInternals(message);
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** Keeps what Jackson says about the JSON, drops its source excerpts and its hints about Java settings. */
    static String withoutInternals(String message) {
        String cleaned = message.replaceAll("\\[Source: [^;\\]]*; ", "[")
                .replaceAll("[:;,]? *\\(?(enable|since) `[^`]*`[^:;)\\n]*\\)?", "")
                .replaceAll("\\(from `[^`]*`\\)", "")
                .replaceAll("\\s+", " ")
                .strip();
        return cleaned.matches("(?s).*(`|Exception|\\b(com|java|org)\\.[a-z]).*") ? "the JSON text is malformed" : cleaned;
    }

    private static InvalidRequestException bad(String detail) {
        return InvalidRequestException.badRequest(detail);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> node.isEmpty() ? "an empty object" : "an object with " + node.size() + " keys";
            case ARRAY -> "an array";
            case STRING -> "the string " + excerpt(node.toString());
            case NUMBER -> "the number " + node;
            case BOOLEAN -> "the boolean " + node;
            case NULL, MISSING -> "null";
            case BINARY, POJO -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** A number for a message; never the plain form of 1e999999999, which would be a billion digits long. */
    static String show(BigDecimal number) {
        long plainLength = number.precision() + Math.abs((long) number.scale());
        return excerpt(plainLength <= 40 ? number.toPlainString() : number.toString());
    }

    private static String excerpt(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    /** The fields of one command, remembering which were read so that the rest can be refused. */
    private static final class Fields {

        private final String command;
        private final JsonNode node;
        private final List<String> read = new ArrayList<>();

        Fields(String command, JsonNode node) {
            this.command = command;
            this.node = node;
        }

        String text(String field) {
            JsonNode value = require(field);
            if (!value.isTextual()) {
                throw bad(command + "." + field + " must be a string but was " + describe(value));
            }
            if (value.asText().isBlank()) {
                throw bad(command + "." + field + " must not be blank");
            }
            return value.asText();
        }

        BigDecimal amount(String field) {
            JsonNode value = require(field);
            if (!value.isNumber()) {
                throw bad(command + "." + field + " must be a number such as 100.0 but was " + describe(value));
            }
            BigDecimal amount = value.decimalValue();
            if (amount.signum() <= 0) {
                throw bad(command + "." + field + " must be a positive number but was " + show(amount));
            }
            BigDecimal stripped = amount.stripTrailingZeros();
            if (stripped.precision() - (long) stripped.scale() > MAX_INTEGER_DIGITS || stripped.scale() > MAX_FRACTION_DIGITS) {
                throw bad(command + "." + field + " must have at most " + MAX_INTEGER_DIGITS
                        + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it (" + SMALLEST + " to "
                        + LARGEST + ") but was " + show(amount));
            }
            return amount;
        }

        private JsonNode require(String field) {
            read.add(field);
            JsonNode value = node.get(field);
            if (value == null) {
                throw bad(command + "." + field + " is missing; " + command + " needs " + expected());
            }
            return value;
        }

        private String expected() {
            return switch (command) {
                case "OpenAccount" -> "{\"account_id\":\"ACCT-1\"}";
                case "DepositMoney" -> "{\"amount\":1000.0}";
                case "WithdrawMoney" -> "{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}";
                case "WriteCheck" -> "{\"check_number\":\"1170\",\"amount\":256.28}";
                default -> "its fields";
            };
        }

        void rejectUnknownFields() {
            for (String name : (Iterable<String>) () -> node.fieldNames()) {
                if (!read.contains(name)) {
                    throw bad(command + " has an unknown field '" + name + "'; it takes " + expected());
                }
            }
        }
    }
}
