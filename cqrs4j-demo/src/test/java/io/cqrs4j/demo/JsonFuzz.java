// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded JSON for the fuzz tests: a tiny JSON model that, unlike a real one, can hold duplicate
 * keys, lone surrogates and literal tokens that are not JSON (NaN, 0x10, +5), random values, and
 * mutations of the four valid commands. The same seed gives the same JSON.
 */
final class JsonFuzz {

    /** A JSON value, possibly an invalid one. */
    sealed interface Value {
    }

    /** An object; a list of members so that a key may repeat. */
    record Obj(List<Map.Entry<String, Value>> members) implements Value {

        Obj {
            members = new ArrayList<>(members);
        }
    }

    /** An array. */
    record Arr(List<Value> items) implements Value {
    }

    /** A string, written with escapes where needed (always for surrogates and control characters). */
    record Str(String text) implements Value {
    }

    /** A token written as is: a number, true, false, null, or something that is not JSON at all. */
    record Raw(String token) implements Value {
    }

    static final List<String> COMMANDS = List.of("OpenAccount", "DepositMoney", "WithdrawMoney", "WriteCheck");
    static final List<String> NUMBERS = List.of("1e400", "1" + "0".repeat(1000), "9223372036854775808",
            "-9223372036854775809", "1e-400", "-1", "-0", "0", "0.0", "-0.0", "0.00000000001", "1.12345678901234567890",
            "123456789012345678901234567890", "NaN", "-NaN", "Infinity", "-Infinity", "0x10", "+5", ".5", "5.", "01",
            "1e", "1e+", "--1", "1_000", "1,5", "1e999999999", "-1e999999999", "1e-999999999", "-1e-999999999",
            "4.9e-324", "1.7976931348623157e308", "1E2", "2e2147483648", "1e-2147483649", "100", "0.01",
            "999999999999999999", "1000000000000000000", "0." + "0".repeat(5000) + "1", "-" + "9".repeat(999));
    static final List<String> STRINGS = List.of("", " ", "\t", "NaN", "Infinity", "1e400", "100", "\u202eRTL\u202c",
            "\u05e9\u05dc\u05d5\u05dd", "\ud83d\udcb8\ud83c\udfe6", "\u0000", "A\u0000B", "\ud800", "\udfff", "\ufeff",
            "\uffff", "' OR 1=1 --", "\"; DROP TABLE events; --", "<script>alert(1)</script>", "../../etc/passwd",
            "%2F", "\\", "\n\r", "x".repeat(70_000), "y".repeat(5_000), "\u0085", "\u2028");

    private final Random random;

    JsonFuzz(Random random) {
        this.random = random;
    }

    // ---- generation

    /** A valid command body for {@code accountId} (valid JSON; the domain may still refuse it). */
    Obj validCommand(String accountId) {
        String name = pick(COMMANDS);
        Obj fields = obj();
        switch (name) {
            case "OpenAccount" -> put(fields, "account_id", new Str(accountId));
            case "DepositMoney" -> put(fields, "amount", new Raw(amount()));
            case "WithdrawMoney" -> {
                put(fields, "amount", new Raw(amount()));
                put(fields, "atm_id", new Str("ATM-" + random.nextInt(1000)));
            }
            default -> {
                put(fields, "check_number", new Str(Integer.toString(1000 + random.nextInt(9000))));
                put(fields, "amount", new Raw(amount()));
            }
        }
        Obj command = obj();
        put(command, name, fields);
        return command;
    }

    private String amount() {
        return random.nextBoolean() ? Integer.toString(1 + random.nextInt(5000))
                : (1 + random.nextInt(5000)) + "." + random.nextInt(100);
    }

    /** A random value of up to {@code depth} levels, keys partly from the commands' own vocabulary. */
    Value randomValue(int depth) {
        int kind = random.nextInt(depth <= 0 ? 4 : 6);
        return switch (kind) {
            case 0 -> new Raw(pick(NUMBERS.subList(0, 12)));
            case 1 -> new Str(randomString());
            case 2 -> new Raw(pick(List.of("true", "false", "null")));
            case 3 -> new Raw(Integer.toString(random.nextInt(2000) - 1000));
            case 4 -> {
                var items = new ArrayList<Value>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(randomValue(depth - 1));
                }
                yield new Arr(items);
            }
            default -> {
                Obj object = obj();
                for (int i = random.nextInt(4); i > 0; i--) {
                    put(object, randomKey(), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    String randomKey() {
        return random.nextInt(3) == 0 ? randomString()
                : pick(List.of("OpenAccount", "DepositMoney", "WithdrawMoney", "WriteCheck", "amount", "atm_id",
                "check_number", "account_id", "depositMoney", "deposit_money", "Amount", "AMOUNT", "", " amount"));
    }

    String randomString() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(STRINGS.subList(0, STRINGS.size() - 3));
            case 1 -> {
                var text = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    text.append((char) random.nextInt(0x3000));
                }
                yield text.toString();
            }
            default -> "s" + random.nextInt(100);
        };
    }

    // ---- mutation of the model

    /** Applies one structural mutation to a command somewhere in its tree. */
    Value mutate(Obj command) {
        if (command.members().isEmpty()) {
            return random.nextBoolean() ? command : validCommand("X");
        }
        Obj fields = command.members().getFirst().getValue() instanceof Obj f ? f : obj();
        switch (random.nextInt(12)) {
            case 0 -> dropKey(random.nextBoolean() ? command : fields);
            case 1 -> renameKey(random.nextBoolean() ? command : fields);
            case 2 -> duplicateKey(random.nextBoolean() ? command : fields);
            case 3 -> replaceValue(fields, wrongType());
            case 4 -> put(fields, randomKey(), randomValue(2));
            case 5 -> put(command, pick(COMMANDS), validCommand("X").members().getFirst().getValue());
            case 6 -> {
                return random.nextBoolean() ? obj() : new Obj(List.of(Map.entry(pick(COMMANDS), obj())));
            }
            case 7 -> replaceValue(fields, new Raw(pick(NUMBERS)));
            case 8 -> replaceValue(fields, new Str(pick(STRINGS)));
            case 9 -> command.members().set(0, Map.entry(command.members().getFirst().getKey(), wrongType()));
            case 10 -> {
                return pick(List.of(new Arr(List.of(command)), new Str(write(command)), new Raw("null"), new Raw("true")));
            }
            default -> replaceValue(fields, randomValue(3));
        }
        return command;
    }

    private Value wrongType() {
        return switch (random.nextInt(7)) {
            case 0 -> new Str(Integer.toString(random.nextInt(500)));
            case 1 -> obj();
            case 2 -> new Arr(List.of(new Raw("1")));
            case 3 -> new Arr(List.of());
            case 4 -> new Raw("null");
            case 5 -> new Raw(random.nextBoolean() ? "true" : "false");
            default -> new Obj(List.of(Map.entry("value", new Str("ACC"))));
        };
    }

    private void dropKey(Obj object) {
        if (!object.members().isEmpty()) {
            object.members().remove(random.nextInt(object.members().size()));
        }
    }

    private void renameKey(Obj object) {
        if (!object.members().isEmpty()) {
            int at = random.nextInt(object.members().size());
            object.members().set(at, Map.entry(randomKey() + (random.nextBoolean() ? "" : "x"), object.members().get(at).getValue()));
        }
    }

    private void duplicateKey(Obj object) {
        if (!object.members().isEmpty()) {
            object.members().add(object.members().get(random.nextInt(object.members().size())));
        }
    }

    private void replaceValue(Obj object, Value value) {
        if (!object.members().isEmpty()) {
            int at = random.nextInt(object.members().size());
            object.members().set(at, Map.entry(object.members().get(at).getKey(), value));
        }
    }

    // ---- mutation of the bytes

    /** Damages the encoded body: truncation, trailing garbage, invalid UTF-8, a BOM, a flipped byte. */
    byte[] damage(byte[] body) {
        var bytes = new ByteArrayOutputStream();
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        switch (random.nextInt(7)) {
            case 0 -> bytes.write(body, 0, at);
            case 1 -> {
                bytes.writeBytes(body);
                bytes.writeBytes(pick(List.of("}", "]", ",", " x", "{}", "\u0000", "garbage", "\"")).getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                bytes.write(body, 0, at);
                bytes.writeBytes(pick(List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80})));
                bytes.write(body, at, body.length - at);
            }
            case 3 -> {
                bytes.writeBytes(random.nextBoolean() ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                        : new byte[] {(byte) 0xFE, (byte) 0xFF});
                bytes.writeBytes(body);
            }
            case 4 -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    copy[at] = (byte) random.nextInt(256);
                }
                bytes.writeBytes(copy);
            }
            case 5 -> {
                bytes.write(body, 0, at);
                bytes.write(body, Math.min(at + 1, body.length), body.length - Math.min(at + 1, body.length));
            }
            default -> bytes.writeBytes(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
        }
        return bytes.toByteArray();
    }

    /** {@code levels} opening brackets or braces, closed or not, optionally inside a command. */
    static String nested(int levels, char open, boolean closed, boolean insideCommand) {
        String unit = open == '[' ? "[" : "{\"a\":";
        String close = open == '[' ? "]" : "}";
        String value = unit.repeat(levels) + "1" + (closed ? close.repeat(levels) : "");
        return insideCommand ? "{\"DepositMoney\":{\"amount\":" + value + "}}" : value;
    }

    // ---- writing

    /** Writes the model as JSON text; strings escape quotes, backslashes, controls and surrogates. */
    static String write(Value value) {
        var out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Value value, StringBuilder out) {
        switch (value) {
            case Obj o -> {
                out.append('{');
                for (int i = 0; i < o.members().size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(new Str(o.members().get(i).getKey()), out);
                    out.append(':');
                    write(o.members().get(i).getValue(), out);
                }
                out.append('}');
            }
            case Arr a -> {
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    out.append(i == 0 ? "" : ",");
                    write(a.items().get(i), out);
                }
                out.append(']');
            }
            case Str s -> {
                out.append('"');
                s.text().chars().forEach(c -> out.append(c == '"' || c == '\\' ? "\\" + (char) c
                        : c < 0x20 || Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
                out.append('"');
            }
            case Raw r -> out.append(r.token());
        }
    }

    static Obj obj() {
        return new Obj(new ArrayList<>());
    }

    static void put(Obj object, String key, Value value) {
        object.members().add(Map.entry(key, value));
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
