// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statements the JDBC repositories actually hold, read by reflection from every {@code String}
 * field of the event, view and projection repositories and of the helpers they own (so a statement
 * added to any of them is checked without touching this test): each depends only on the table
 * names, binds every value as {@code ?}, and holds no quoting, comment, separator, non-ASCII
 * character or number other than the constants listed. The dialects' own statements are checked
 * by SqlStatementContract in each database module (this module cannot depend on the kit).
 */
class StatementTextTest {

    /** Constants of the SQL, never values: start of a checkpoint / an expired lease; the next token or LIMIT 1; ms per second. */
    private static final Set<String> CONSTANTS = Set.of("0", "1", "1000");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9_.])[0-9]+(\\.[0-9]+)?");
    private static final Pattern FORBIDDEN = Pattern.compile("[\"'`;$\\\\#]|--|/\\*|[^\\n\\x20-\\x7E]");
    private static final Pattern STATEMENT = Pattern.compile("^(SELECT|INSERT|UPDATE|DELETE) .*", Pattern.DOTALL);

    private static final List<String> NAMES_A = List.of("ev_alpha", "bank.sn_bravo", "vw_charlie", "ck_delta",
            "ops.ls_echo", "pk_foxtrot");
    private static final List<String> NAMES_B = List.of("crm.ev_golf", "sn_hotel", "app.vw_india", "ops.ck_juliet",
            "ls_kilo", "pk_lima");

    @Test
    void every_statement_the_repositories_hold_depends_only_on_table_names_and_binds_every_value() throws Exception {
        Map<String, String> statements = statementsOf(NAMES_A);
        Map<String, String> again = statementsOf(NAMES_B);

        // JdbcEventRepository 12, JdbcViewRepository 3, ProjectionStatements 14 (shared by ParkedEvents)
        assertThat(statements).as("statements found").hasSize(29);
        assertThat(again.keySet()).isEqualTo(statements.keySet());
        statements.forEach((field, sql) -> {
            String normalised = normalised(sql, NAMES_A);
            assertThat(normalised).as("%s with other table names", field).isEqualTo(normalised(again.get(field), NAMES_B));
            assertThat(sql).as(field).contains("?");
            assertThat(FORBIDDEN.matcher(normalised).results().map(Object::toString).toList())
                    .as("%s: quoting, comments, separators: %s", field, sql).isEmpty();
            assertThat(numbers(normalised)).as("%s: numbers other than constants: %s", field, sql)
                    .isSubsetOf(CONSTANTS);
        });
    }

    @Test
    void the_default_clock_is_a_constant_fragment() {
        String clock = new TestDialect().databaseClockMillis();
        assertThat(FORBIDDEN.matcher(clock).find()).as(clock).isFalse();
        assertThat(numbers(clock)).isSubsetOf(CONSTANTS);
        assertThat(clock).doesNotContain("?");
    }

    /** Field path → statement, from repositories on tables named {@code names}. */
    private static Map<String, String> statementsOf(List<String> names) throws IllegalAccessException {
        List<String> calls = new ArrayList<>();
        JdbcStorage storage = JdbcStorage.of(TableNameInjectionTest.recording(calls), new TestDialectWithClock());
        var statements = new LinkedHashMap<String, String>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk("events", storage.eventRepository(new EventTables(names.get(0), names.get(1))), names, statements, seen);
        walk("view", storage.viewRepository(names.get(2), TableNameInjectionTest.TEXT), names, statements, seen);
        walk("projections", storage.projectionStore(new ProjectionTables(names.get(3), names.get(4), names.get(5))),
                names, statements, seen);
        assertThat(calls).as("building repositories runs nothing").isEmpty();
        return statements;
    }

    private static void walk(String path, Object object, List<String> names, Map<String, String> statements,
                             Set<Object> seen) throws IllegalAccessException {
        if (!seen.add(object)) {
            return;
        }
        for (Field field : object.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(object);
            String name = path + "." + field.getName();
            if (value instanceof String text) {
                if (names.contains(text)) {
                    continue;
                }
                assertThat(text).as("%s is neither a table name nor a statement", name).matches(STATEMENT);
                statements.put(name, text);
            } else if (value != null && value.getClass().getPackage() == StatementTextTest.class.getPackage()
                    && !(value instanceof SqlDialect) && !(value instanceof Record)) {
                walk(name, value, names, statements, seen);
            }
        }
    }

    private static String normalised(String sql, List<String> names) {
        String result = sql;
        for (int i = 0; i < names.size(); i++) {
            result = result.replace(names.get(i), "T" + (i + 1));
        }
        return result;
    }

    private static List<String> numbers(String sql) {
        var numbers = new ArrayList<String>();
        Matcher matcher = NUMBER.matcher(sql);
        while (matcher.find()) {
            numbers.add(matcher.group());
        }
        return numbers;
    }

    /** The default statements with a clock of its own, so the projection statements show where the clock goes. */
    private static final class TestDialectWithClock extends TestDialect {
        @Override
        public String databaseClockMillis() {
            return "CAST(now_ms() AS BIGINT)";
        }
    }
}
