// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Where the benchmark programs write: results (markdown) to standard output and, when given, to a
 * file they append to; progress and warnings to standard error. The only class that prints.
 */
final class Report {

    private final Path file;

    Report(Path file) {
        this.file = file;
    }

    static void warn(String text) {
        System.err.println(text);
    }

    static void progress(String text) {
        System.err.println("[bench] " + text);
    }

    /** Writes lines to standard output and appends them to the results file. */
    void write(List<String> lines) {
        lines.forEach(System.out::println);
        System.out.flush();
        if (file != null) {
            try {
                Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append the results to " + file, e);
            }
        }
    }

    /** Writes one line to standard output only (the last line run.sh prints). */
    static void stdout(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String row(Object... cells) {
        var text = new StringBuilder("|");
        for (Object cell : cells) {
            text.append(' ').append(cell).append(" |");
        }
        return text.toString();
    }

    static String separator(int columns) {
        return "|" + " --- |".repeat(columns);
    }
}
