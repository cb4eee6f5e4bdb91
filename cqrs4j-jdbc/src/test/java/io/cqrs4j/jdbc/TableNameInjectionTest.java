// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cqrs4j.persist.ViewSerializer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Every table name a user configures (each component of {@link EventTables} and
 * {@link ProjectionTables}, their prefixes, and view tables) is refused when it is anything but a
 * plain, optionally schema-qualified identifier, with an {@link IllegalArgumentException} naming the
 * table and the rule, before the database is asked for anything.
 */
class TableNameInjectionTest {

    /** Names that carry SQL, quoting, look-alike characters, or no name at all. */
    static final List<String> HOSTILE = List.of(
            "events; DROP TABLE x", "events;", "events--", "events -- x", "events/*x*/", "\"events\"", "`events`",
            "[events]", "'events'", "events' OR '1'='1", "events OR 1=1", "events)", "events(", "events,x", "events x",
            " events", "events ", "events\n", "\tevents", "events\u00a0", "events\u200b", "\u0435vents" /* Cyrillic е */,
            "\uff45vents" /* fullwidth e */, "event\u0455" /* Cyrillic ѕ */, "events\u037e" /* Greek question mark */,
            "evenţs", "", ".events", "events.", "a.b.c", "bank..events", "1events", "bank.1events", "ev-ents",
            "ev$nts", "events\\", "events%", "events?", "e".repeat(64), "bank." + "e".repeat(64), "b".repeat(64) + ".events");

    /** Names that must keep working, schema-qualified included. */
    static final List<String> VALID = List.of("events", "_events", "Events_2", "bank.events", "bank_2.account_events",
            "e".repeat(63), "s".repeat(63) + "." + "t".repeat(63));

    @Test
    void every_component_of_event_and_projection_tables_refuses_a_hostile_name_naming_the_table_and_the_rule() {
        int checked = 0;
        for (Class<? extends Record> type : List.of(EventTables.class, ProjectionTables.class)) {
            RecordComponent[] components = type.getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                for (String name : HOSTILE) {
                    Object[] arguments = Arrays.stream(components).map(RecordComponent::getName).toArray();
                    arguments[i] = name;
                    Throwable error = construct(type, arguments);
                    assertRefused(error, components[i].getName(), name);
                    checked++;
                }
            }
        }
        assertThat(checked).as("5 components x every hostile name").isEqualTo(5 * HOSTILE.size());
    }

    @Test
    void a_prefix_with_sql_in_it_is_refused_naming_the_prefix() {
        List<Function<String, Object>> prefixed = List.of(EventTables::withPrefix, ProjectionTables::withPrefix);
        for (String prefix : List.of("x; DROP TABLE y; --", "x'", "\"x\".", "`x`.", "x ", "\u0435.", "a.b.", "x--")) {
            for (var withPrefix : prefixed) {
                Throwable error = catchThrowable(() -> withPrefix.apply(prefix));
                assertThat(error).as("prefix %s", prefix).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("table prefix '" + prefix + "'")
                        .hasMessageContaining("cannot start a plain identifier");
            }
        }
    }

    @Test
    void a_view_table_with_sql_in_it_is_refused_before_any_connection_is_taken() {
        List<String> calls = new ArrayList<>();
        JdbcStorage storage = JdbcStorage.of(recording(calls), new TestDialect());
        for (String name : HOSTILE) {
            assertRefused(catchThrowable(() -> storage.viewRepository(name, TEXT)), "view", name);
            assertRefused(catchThrowable(() -> storage.createViewTable(name)), "view", name);
        }
        assertRefused(catchThrowable(() -> storage.viewRepository(null, TEXT)), "view", null);
        assertThat(calls).as("calls on the data source").isEmpty();
    }

    @Test
    void plain_and_schema_qualified_names_are_accepted_everywhere() {
        List<String> calls = new ArrayList<>();
        JdbcStorage storage = JdbcStorage.of(recording(calls), new TestDialect());
        for (String name : VALID) {
            assertThatCode(() -> new EventTables(roomForDerivedNames(name), name)).as(name).doesNotThrowAnyException();
            assertThatCode(() -> new ProjectionTables(name, name, name)).as(name).doesNotThrowAnyException();
            assertThatCode(() -> storage.viewRepository(name, TEXT)).as(name).doesNotThrowAnyException();
        }
        assertThat(EventTables.withPrefix("bank.").events()).isEqualTo("bank.events");
        assertThat(ProjectionTables.withPrefix("bank.cqrs_").parked()).isEqualTo("bank.cqrs_projection_parked");
        assertThat(calls).as("building repositories connects to nothing").isEmpty();
    }

    @Test
    void an_events_table_too_long_for_the_index_named_after_it_is_refused_naming_the_limit() {
        String longest = "e".repeat(TableNames.EVENTS_NAME_MAX);
        assertThatCode(() -> new EventTables("bank." + longest, "snapshots")).doesNotThrowAnyException();

        assertThatThrownBy(() -> new EventTables(longest + "s", "snapshots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events table name '" + longest + "s' is too long")
                .hasMessageContaining("at most " + TableNames.EVENTS_NAME_MAX)
                .hasMessageContaining("_global_position");
    }

    /** The name with its table part cut to what an events table may have. */
    private static String roomForDerivedNames(String name) {
        int dot = name.indexOf('.');
        String table = name.substring(dot + 1);
        return name.substring(0, dot + 1) + table.substring(0, Math.min(table.length(), TableNames.EVENTS_NAME_MAX));
    }

    private static void assertRefused(Throwable error, String role, String name) {
        assertThat(error).as("%s table %s", role, name).isInstanceOf(IllegalArgumentException.class);
        assertThat(error.getMessage()).as("names the table").startsWith(role).contains(" table name")
                .as("names the rule").containsAnyOf("not a plain identifier", "must not be null");
        if (name != null) {
            assertThat(error.getMessage()).as("quotes the name").contains("'" + name + "'");
        }
    }

    private static Throwable construct(Class<? extends Record> type, Object[] arguments) {
        try {
            Class<?>[] parameters = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            type.getDeclaredConstructor(parameters).newInstance(arguments);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A data source that records each call and never connects. */
    static DataSource recording(List<String> calls) {
        return (DataSource) Proxy.newProxyInstance(TableNameInjectionTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    throw new AssertionError("the data source was used: " + method.getName());
                });
    }

    static final ViewSerializer<String> TEXT = new ViewSerializer<>() {
        @Override
        public String serialize(String view) {
            return view;
        }

        @Override
        public String deserialize(String json) {
            return json;
        }
    };
}
