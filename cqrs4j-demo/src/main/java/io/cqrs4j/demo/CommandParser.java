// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.demo.domain.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.demo.domain.BankAccountCommand.WriteCheck;
import java.io.IOException;
import java.math.BigDecimal;
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
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw bad("the body is not valid JSON: " + withoutSource(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            throw bad("the body could not be read as JSON: " + e.getMessage());
        }
    }

    /** Jackson's inner locations name a redacted source; keep only line and column. */
    private static String withoutSource(String message) {
        return message.replaceAll("\\[Source: [^;\\]]*; ", "[");
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
                throw bad(command + "." + field + " must be a positive number but was " + amount.toPlainString());
            }
            BigDecimal stripped = amount.stripTrailingZeros();
            if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS || stripped.scale() > MAX_FRACTION_DIGITS) {
                throw bad(command + "." + field + " must have at most " + MAX_INTEGER_DIGITS
                        + " digits before the decimal point and " + MAX_FRACTION_DIGITS + " after it but was " + amount);
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
