// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A source check over the main code of cqrs4j-jdbc, -postgres, -mysql and -sqlite: SQL given to a
 * plain {@code java.sql.Statement} ({@code execute*}, {@code addBatch}) or to {@code prepareCall} /
 * {@code nativeSQL} is a string literal, or one of the reviewed sites below, each built only from
 * constants and validated table names. Everything else goes through {@code prepareStatement} with
 * {@code ?} parameters (StatementTextTest, SqlStatementContract). A new site fails this test until
 * it is reviewed and listed; a listed site that disappears fails it too, so the list stays true.
 */
class StatementSourceTest {

    private static final List<String> MODULES = List.of("cqrs4j-jdbc", "cqrs4j-postgres", "cqrs4j-mysql", "cqrs4j-sqlite");
    private static final Pattern SQL_CALL = Pattern.compile(
            "\\.(execute|executeQuery|executeUpdate|executeLargeUpdate|addBatch|prepareCall|nativeSQL)\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]|\\\\.)*\"");

    /** file name | argument, as written → why it carries no value. */
    private static final Map<String, String> REVIEWED = Map.of(
            "PositionColumn.java|\"SELECT * FROM \" + table + \" WHERE 1 = 0\"",
            "table is an EventTables name (TableNames rule); reads column metadata, no rows, no values",
            "SchemaScript.java|sql",
            "a statement of a schema script shipped in the jar; its ${...} placeholders are filled only with"
                    + " validated table names (SchemaScript.fill, JdbcStorage.placeholders)",
            "PostgresEventLog.java|\"LISTEN \" + channel",
            "LISTEN takes no parameters; channel is the constant prefix cqrs4j_events_ and the events table's oid,"
                    + " digits read from the database (PostgresEventLog.channel)",
            "MysqlGlobalOrder.java|\"UPDATE \" + events + \"_sequencer SET appends = appends + 1 WHERE id = 1\"",
            "events is an EventTables name (TableNames rule); the rest is constant",
            "SqliteCqrs.java|\"SELECT * FROM \" + tables.events() + \" WHERE 1 = 0\"",
            "an EventTables name (TableNames rule); reads column metadata, no rows, no values",
            "SqliteCqrs.java|sql",
            "SqliteCqrs.execute runs only upgradeSchema's ALTER TABLE statements, built from the validated"
                    + " EventTables name and constants");

    @Test
    void sql_given_to_a_plain_statement_is_a_literal_or_a_reviewed_site_of_constants_and_table_names() throws IOException {
        Set<String> found = new LinkedHashSet<>();
        var unreviewed = new ArrayList<String>();
        int files = 0;
        for (Path source : sources()) {
            files++;
            String text = Files.readString(source);
            Matcher call = SQL_CALL.matcher(text);
            while (call.find()) {
                String argument = argument(text, call.end()).strip().replaceAll("\\s+", " ");
                if (argument.isEmpty() || STRING_LITERAL.matcher(argument).matches()) {
                    continue;
                }
                String site = source.getFileName() + "|" + argument;
                found.add(site);
                if (!REVIEWED.containsKey(site)) {
                    unreviewed.add(source + " line " + line(text, call.start()) + ": " + call.group() + argument + ")");
                }
            }
        }

        assertThat(files).as("main sources read (40 when written)").isGreaterThanOrEqualTo(30);
        assertThat(unreviewed).as("SQL built at run time for a plain Statement; bind values with prepareStatement and ?,"
                + " or review the site and list it in REVIEWED").isEmpty();
        assertThat(found).as("reviewed sites that still exist").containsExactlyInAnyOrderElementsOf(REVIEWED.keySet());
    }

    /** The text up to the parenthesis that closes the one at {@code from - 1}. */
    private static String argument(String text, int from) {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return text.substring(from, i);
            }
        }
        throw new AssertionError("unbalanced call at " + from);
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The main Java sources of the JDBC modules; the build runs tests from this module's directory. */
    private static List<Path> sources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        var sources = new ArrayList<Path>();
        for (String module : MODULES) {
            Path main = root.resolve(module).resolve("src/main/java");
            assertThat(main).as("sources of %s (run from the cqrs4j-jdbc directory)", module).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        return sources;
    }
}
