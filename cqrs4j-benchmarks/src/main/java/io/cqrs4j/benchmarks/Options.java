// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options shared by the benchmark programs: {@code --name value} pairs.
 *
 * @param values the options given
 */
record Options(Map<String, String> values) {

    private static final Set<String> KNOWN = Set.of("store", "duration", "warmup", "clients", "accounts", "pool",
            "repeat", "out", "events", "max-events", "modes");

    static Options parse(String... args) {
        var values = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !KNOWN.contains(arg.substring(2)) || i + 1 == args.length) {
                throw new IllegalArgumentException("unknown option or missing value: '" + arg + "'; options are --"
                        + String.join(" VALUE, --", KNOWN.stream().sorted().toList()) + " VALUE");
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new Options(Map.copyOf(values));
    }

    String store() {
        String store = values.getOrDefault("store", "memory");
        if (!Set.of("memory", "sqlite", "postgres", "mysql").contains(store)) {
            throw new IllegalArgumentException("--store must be memory, sqlite, postgres or mysql but was '" + store + "'");
        }
        return store;
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number but was '" + value + "'", e);
        }
    }

    /** A duration such as {@code 20s}, {@code 500ms} or {@code 2m}. */
    Duration duration(String name, Duration fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
            }
            if (value.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)) * 60);
            }
            return Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a duration such as 20s, 500ms or 2m but was '"
                    + value + "'", e);
        }
    }

    Path out() {
        String value = values.get("out");
        return value == null ? null : Path.of(value);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}
