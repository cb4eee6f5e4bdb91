// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table names are configuration, never SQL: each factory of a backend that takes a table name (or
 * tables built from one) refuses a name carrying SQL, quoting, look-alike characters, blanks or too
 * many characters with an {@link IllegalArgumentException} that names the table and the rule,
 * before the database is touched; a valid (schema-qualified where the database has schemas) name
 * works; and a view id holding SQL is stored and read back as plain data.
 *
 * {@snippet :
 * class PostgresTableNameContractTest extends TableNameContract {
 *     protected Map<String, Consumer<String>> factoriesTakingATableName() {
 *         DataSource db = untouchable();
 *         return Map.of("viewRepository", table -> PostgresCqrs.viewRepository(db, table, TEXT));
 *     }
 *     // rule(), createViewRepository(serializer)
 * }
 * }
 */
public abstract class TableNameContract {

    /**
     * Refused by every backend: SQL, quoting, whitespace, look-alike letters, nothing, too long.
     * ({@code events--} is a valid DynamoDB name, so the SQL backends add it in {@link #alsoRefused()}.)
     */
    protected static final List<String> HOSTILE = List.of(
            "events; DROP TABLE x", "events;", "events -- x", "events/*x*/", "\"events\"", "`events`",
            "[events]", "'events'", "events' OR '1'='1", "events OR 1=1", "events)", "events,x", "events x",
            " events", "events ", "events\n", "\tevents", "events\u00a0", "events\u200b", "\u0435vents" /* Cyrillic е */,
            "\uff45vents" /* fullwidth e */, "events\u037e" /* Greek question mark */, "", "ev$nts", "events\\",
            "events%", "events?", "x".repeat(256));

    /** A view serializer of plain text, for factories that need one. */
    protected static final ViewSerializer<String> TEXT = new ViewSerializer<>() {
        @Override
        public String serialize(String view) {
            return view;
        }

        @Override
        public String deserialize(String json) {
            return json;
        }
    };

    /**
     * Every factory of the backend that takes a table name, by name, each on a database that fails
     * the test when touched ({@link #untouchable()} for JDBC).
     *
     * @return factory name → call with a table name
     */
    protected abstract Map<String, Consumer<String>> factoriesTakingATableName();

    /**
     * Words of the backend's rule that its refusal states; by default those of the JDBC backends'
     * one rule for table names (cqrs4j-jdbc): {@code "not a plain identifier"}.
     *
     * @return the words
     */
    protected String rule() {
        return "not a plain identifier";
    }

    /**
     * Names this backend refuses beyond {@link #HOSTILE} (its own length and character rules); by
     * default what the JDBC backends' rule refuses besides: comments, a leading digit, three name
     * parts, dashes, an empty schema and a name over 63 characters.
     *
     * @return the names
     */
    protected List<String> alsoRefused() {
        return List.of("events--", "1events", "a.b.c", "ev-ents", ".events", "e".repeat(64));
    }

    /**
     * A view repository on a created table with a valid name, schema-qualified where the database has schemas.
     *
     * @param serializer the view serializer
     * @return the repository
     */
    protected abstract ViewRepository<TallyView> createViewRepository(ViewSerializer<TallyView> serializer);

    /**
     * A data source that throws an {@link AssertionError} on any use, so a factory that connects
     * before checking its table name fails the test.
     *
     * @return the data source
     */
    protected static DataSource untouchable() {
        return (DataSource) Proxy.newProxyInstance(TableNameContract.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new AssertionError("the database was touched (" + method.getName()
                            + ") before the table name was checked; check it first");
                });
    }

    @TestFactory
    public Stream<DynamicTest> every_factory_refuses_a_table_name_with_sql_before_touching_the_database() {
        var names = new ArrayList<>(HOSTILE);
        names.addAll(alsoRefused());
        assertThat(factoriesTakingATableName()).isNotEmpty();
        return factoriesTakingATableName().entrySet().stream().map(factory -> DynamicTest.dynamicTest(factory.getKey(),
                () -> {
                    for (String name : names) {
                        Throwable error = catchThrowable(() -> factory.getValue().accept(name));
                        assertThat(error).as("%s(%s)", factory.getKey(), name).isInstanceOf(IllegalArgumentException.class);
                        assertThat(error.getMessage()).as("%s(%s)", factory.getKey(), name)
                                .contains("table name").contains(rule()).contains(name);
                    }
                }));
    }

    @Test
    public void a_view_id_holding_sql_is_stored_and_read_back_as_plain_data() {
        ViewRepository<TallyView> views = createViewRepository(JacksonViewSerializer.of(TallyView.class));
        String plain = "view-" + UUID.randomUUID();
        views.updateView(new TallyView(1, 1, 1, "plain"), ViewContext.newView(plain));
        String hostile = StoredDataContract.HOSTILE + " " + UUID.randomUUID();
        var first = new TallyView(1, 7, 1, StoredDataContract.HOSTILE);
        var second = new TallyView(2, 9, 2, StoredDataContract.HOSTILE + "'");

        views.updateView(first, ViewContext.newView(hostile));
        views.updateView(second, views.loadWithContext(hostile).orElseThrow().context());

        assertThat(views.loadWithContext(hostile)).contains(new StoredView<>(second, new ViewContext(hostile, 2)));
        assertThat(views.loadWithContext(plain)).as("another view, and its table, are intact")
                .contains(new StoredView<>(new TallyView(1, 1, 1, "plain"), new ViewContext(plain, 1)));
        assertThat(views.load(hostile.substring(0, 10))).as("no prefix matching").isEmpty();
    }
}
