// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dialect's schema script with its table placeholders filled in, split into statements. */
final class SchemaScript {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");

    private SchemaScript() {
    }

    /**
     * The statements of {@code script}, each {@code ${name}} replaced by the validated table name.
     * Statements end with a {@code ;} at the end of a line, except inside a {@code $$}-quoted body.
     *
     * @throws IllegalArgumentException when the script names a placeholder that is not given
     */
    static List<String> statements(String script, Map<String, String> tables) {
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        boolean quoted = false;
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (!quoted && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            current.append(current.isEmpty() ? "" : "\n").append(line.stripTrailing());
            // a $$-quoted body (a DO block, a function) ends its statement only after its closing $$
            quoted ^= (line.split("\\$\\$", -1).length - 1) % 2 == 1;
            if (!quoted && trimmed.endsWith(";")) {
                statements.add(fill(current.substring(0, current.length() - 1).strip(), tables));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(fill(current.toString().strip(), tables));
        }
        return statements;
    }

    private static String fill(String statement, Map<String, String> tables) {
        Matcher matcher = PLACEHOLDER.matcher(statement);
        var filled = new StringBuilder();
        while (matcher.find()) {
            String table = tables.get(matcher.group(1));
            if (table == null) {
                throw new IllegalArgumentException("schema script uses ${" + matcher.group(1) + "} but only "
                        + tables.keySet() + " are defined; fix the dialect's script");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(table));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    /** Runs the statements in one transaction where the database allows transactional DDL. */
    static void run(Connection connection, List<String> statements) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
