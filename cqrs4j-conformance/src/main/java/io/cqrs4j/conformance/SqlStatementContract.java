// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement a dialect produces is parameterised: its only inputs are validated table
 * names, every value is a {@code ?}, and the text holds no quoting, comment or separator. The
 * statements are found by reflection (every public method of the dialect and of its global order
 * that returns a {@code String}), so a statement added later cannot escape: a method this contract
 * does not know fails the test until it is classified here.
 *
 * {@snippet :
 * class PostgresSqlStatementContractTest extends SqlStatementContract {
 *     protected Object dialect() { return new PostgresDialect(); }
 * }
 * }
 *
 * <p>The dialect is typed {@code Object} because the conformance kit does not depend on cqrs4j-jdbc;
 * it must be an {@code io.cqrs4j.jdbc.SqlDialect}.
 */
public abstract class SqlStatementContract {

    /** Return no SQL: the database's name for messages; a JSON column read from a result row. */
    private static final Set<String> NOT_SQL = Set.of("databaseName", "getJson");
    /**
     * Schema scripts: DDL run once by createSchema/upgradeSchema, with {@code ${table}} placeholders
     * that SchemaScript fills with validated names only; they carry constant literals (defaults,
     * {@code information_schema} lookups of the validated table name), never a value.
     */
    private static final Set<String> SCRIPTS = Set.of("eventTablesScript", "viewTableScript",
            "projectionTablesScript", "migrationScript");
    /** Constant SQL fragments spliced into statements; checked by the same rules, without needing a {@code ?}. */
    private static final Set<String> FRAGMENTS = Set.of("databaseClockMillis");
    /**
     * Methods that take a connection and run their own statement; they are under the source check
     * of cqrs4j-jdbc (StatementSourceTest), which allows only constants and validated names in them.
     */
    private static final Set<String> RUNS_ITS_OWN = Set.of("heldBack");

    /** Numbers that may appear in a statement, each a constant of the SQL, never a value. */
    private static final Map<String, String> NUMBERS = Map.of(
            "0", "no transaction / an expired lease / the start of a checkpoint",
            "1", "the next fencing token; LIMIT 1 of the latest snapshot",
            "1000", "seconds to milliseconds",
            "3", "millisecond precision of MySQL's NOW(3)",
            "86400000", "milliseconds per day (SQLite julianday)",
            "2440587.5", "the Julian day of the Unix epoch (SQLite)",
            "4294967296", "2^32: a PostgreSQL xid8 to its 32-bit xid");
    /** String literals that may appear in a statement: constant arguments of SQL functions. */
    private static final Map<String, String> STRINGS = Map.of("'now'", "SQLite's current time, julianday('now')");

    private static final List<String> NAMES_A = List.of("alpha_tbl", "bravo_schema.charlie_tbl", "delta_tbl");
    private static final List<String> NAMES_B = List.of("echo_schema.foxtrot_tbl", "golf_tbl", "hotel_schema.india_tbl");

    /**
     * The dialect under test.
     *
     * @return an {@code io.cqrs4j.jdbc.SqlDialect}
     */
    protected abstract Object dialect();

    /**
     * The fewest statements this dialect must produce, so that a broken enumeration cannot pass by
     * finding none: SqlDialect has 14 methods that build a statement from table names, GlobalOrder 2.
     *
     * @return the least count
     */
    protected int leastStatements() {
        return 16;
    }

    @Test
    public void every_statement_depends_only_on_table_names_and_binds_every_value() throws ReflectiveOperationException {
        Map<String, String> statements = statements(dialect(), NAMES_A);
        Map<String, String> again = statements(dialect(), NAMES_B);

        assertThat(statements.size()).as("statements found: %s", statements.keySet()).isGreaterThanOrEqualTo(leastStatements());
        statements.forEach((method, sql) -> {
            assertThat(normalised(sql, NAMES_A)).as("%s with other table names", method)
                    .isEqualTo(normalised(again.get(method), NAMES_B));
            assertThat(sql).as(method).contains("?");
            assertThat(problems(normalised(sql, NAMES_A))).as("%s: %s", method, sql).isEmpty();
        });
    }

    @Test
    public void constant_fragments_hold_no_values() throws ReflectiveOperationException {
        for (Method method : publicMethods(dialect().getClass())) {
            if (FRAGMENTS.contains(method.getName())) {
                String fragment = (String) method.invoke(dialect());
                assertThat(problems(fragment)).as("%s: %s", method.getName(), fragment).isEmpty();
                assertThat(fragment).as(method.getName()).doesNotContain("?");
            }
        }
    }

    /** Method name → statement, from the dialect and what its {@code globalOrder()} returns. */
    private static Map<String, String> statements(Object producer, List<String> names) throws ReflectiveOperationException {
        var statements = new LinkedHashMap<String, String>();
        collect(producer, names, statements);
        return statements;
    }

    private static void collect(Object producer, List<String> names, Map<String, String> statements)
            throws ReflectiveOperationException {
        for (Method method : publicMethods(producer.getClass())) {
            String name = producer.getClass().getSimpleName() + "." + method.getName();
            Class<?>[] parameters = method.getParameterTypes();
            if (method.getReturnType() == Optional.class && parameters.length == 0) {
                Optional<?> inner = (Optional<?>) method.invoke(producer);
                if (inner.isPresent()) {
                    collect(inner.get(), names, statements);
                }
            } else if (method.getReturnType() == String.class) {
                if (parameters.length > 0 && Arrays.stream(parameters).allMatch(p -> p == String.class)) {
                    statements.put(name, (String) invoke(method, producer, names.subList(0, parameters.length).toArray()));
                } else if (!NOT_SQL.contains(method.getName()) && !SCRIPTS.contains(method.getName())
                        && !FRAGMENTS.contains(method.getName()) && !RUNS_ITS_OWN.contains(method.getName())) {
                    throw new AssertionError(name + Arrays.toString(parameters) + " returns a String this contract does"
                            + " not know: if it is SQL, make it take only table names, or classify it in SqlStatementContract");
                }
            }
        }
    }

    private static Object invoke(Method method, Object target, Object[] arguments) throws ReflectiveOperationException {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw new AssertionError(method.getName() + " failed on plain table names", e.getCause());
        }
    }

    /** The public methods reachable through public types (the dialect classes themselves are package-private). */
    private static List<Method> publicMethods(Class<?> type) {
        var methods = new LinkedHashMap<String, Method>();
        for (Class<?> each = type; each != null; each = each.getSuperclass()) {
            for (Class<?> contract : interfaces(each)) {
                for (Method method : contract.getMethods()) {
                    if (!Modifier.isStatic(method.getModifiers())) {
                        methods.putIfAbsent(method.getName() + Arrays.toString(method.getParameterTypes()), method);
                    }
                }
            }
        }
        return List.copyOf(methods.values());
    }

    private static List<Class<?>> interfaces(Class<?> type) {
        var all = new ArrayList<Class<?>>();
        for (Class<?> each : type.getInterfaces()) {
            if (Modifier.isPublic(each.getModifiers())) {
                all.add(each);
            }
            all.addAll(interfaces(each));
        }
        return all;
    }

    /** The statement with each table name replaced by T1, T2, … (no name contains another). */
    private static String normalised(String sql, List<String> names) {
        String result = sql;
        for (int i = 0; i < names.size(); i++) {
            result = result.replace(names.get(i), "T" + (i + 1));
        }
        return result;
    }

    /** What in a statement is not a plain identifier, keyword, operator, {@code ?} or allowed constant. */
    static List<String> problems(String sql) {
        var problems = new ArrayList<String>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (isAsciiLetter(c) || c == '_') {
                while (i < sql.length() && (isAsciiLetter(sql.charAt(i)) || isAsciiDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                continue;
            }
            if (c == '\'') {
                int end = sql.indexOf('\'', i + 1);
                String literal = end < 0 ? sql.substring(i) : sql.substring(i, end + 1);
                if (!STRINGS.containsKey(literal)) {
                    problems.add("string literal " + literal);
                }
                i = end < 0 ? sql.length() : end + 1;
                continue;
            }
            if (isAsciiDigit(c)) {
                int end = i;
                while (end < sql.length() && (isAsciiDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                if (!NUMBERS.containsKey(sql.substring(i, end))) {
                    problems.add("number " + sql.substring(i, end));
                }
                i = end;
                continue;
            }
            if (c == '"' || c == '`' || c == ';' || c == '$' || c == '\\' || c == '#' || sql.startsWith("--", i)
                    || sql.startsWith("/*", i) || c > 126 || (Character.isISOControl(c) && c != '\n')) {
                problems.add("character '" + c + "' at " + i);
            }
            i++;
        }
        return problems;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
