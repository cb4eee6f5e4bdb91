// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A connection that breaks before the commit is sent means nothing was written; one that breaks
 * after it was sent (the COMMIT, or the one auto-committed INSERT) leaves the outcome unknown, and
 * the error says so instead of promising that nothing was written.
 */
class CommitOutcomeTest {

    private static final SerializedEvent FIRST = event(1);

    /** Where the fake connection fails, with SQLState 08006 (connection failure). */
    private enum Breaks { ON_CONNECT, ON_INSERT, ON_COMMIT }

    @Test
    void a_connection_that_cannot_be_opened_wrote_nothing() {
        DatabaseConnectionException error = persist(Breaks.ON_CONNECT, List.of(FIRST), null);

        assertThat(error.outcomeUnknown()).isFalse();
        assertThat(error.getMessage()).doesNotContain("may or may not");
    }

    @Test
    void a_connection_that_breaks_during_the_one_auto_committed_insert_leaves_the_outcome_unknown() {
        DatabaseConnectionException error = persist(Breaks.ON_INSERT, List.of(FIRST), null);

        assertThat(error.outcomeUnknown()).isTrue();
        assertThat(error.getMessage()).contains("tally T-1", "after the commit was sent", "may or may not have been"
                + " written", "read the aggregate before sending the command again");
        assertThat(error.getCause()).isInstanceOf(SQLException.class);
    }

    @Test
    void a_connection_that_breaks_on_an_insert_inside_a_transaction_wrote_nothing() {
        DatabaseConnectionException error = persist(Breaks.ON_INSERT, List.of(FIRST, event(2)), null);

        assertThat(error.outcomeUnknown()).isFalse();
    }

    @Test
    void a_connection_that_breaks_on_commit_leaves_the_outcome_unknown() {
        DatabaseConnectionException error = persist(Breaks.ON_COMMIT, List.of(FIRST, event(2)), null);

        assertThat(error.outcomeUnknown()).isTrue();
        assertThat(error.getMessage()).contains("may or may not have been written");
    }

    private static DatabaseConnectionException persist(Breaks breaks, List<SerializedEvent> events,
                                                       SerializedSnapshot snapshot) {
        PersistedEventRepository repository = JdbcStorage.of(breaking(breaks), new TestDialect())
                .eventRepository(EventTables.defaults());
        return catchThrowableOfType(DatabaseConnectionException.class, () -> repository.persist(events, snapshot));
    }

    private static SerializedEvent event(long sequence) {
        return new SerializedEvent("tally", "T-1", sequence, "Added", "1.0", "{\"Added\":{}}", "{}");
    }

    private static SQLException broken() {
        return new SQLException("An I/O error occurred while sending to the backend", "08006");
    }

    /** A data source whose connections fail where {@code breaks} says, and work everywhere else. */
    private static DataSource breaking(Breaks breaks) {
        return proxy(DataSource.class, (method, args) -> {
            if (!method.equals("getConnection")) {
                throw new UnsupportedOperationException(method);
            }
            if (breaks == Breaks.ON_CONNECT) {
                throw broken();
            }
            boolean[] autoCommit = {true};
            PreparedStatement statement = proxy(PreparedStatement.class, (call, values) -> switch (call) {
                case "executeUpdate", "executeBatch" -> {
                    if (breaks == Breaks.ON_INSERT) {
                        throw broken();
                    }
                    yield call.equals("executeUpdate") ? (Object) 1 : new int[] {1, 1};
                }
                default -> null;
            });
            return proxy(Connection.class, (call, values) -> switch (call) {
                case "getAutoCommit" -> autoCommit[0];
                case "setAutoCommit" -> {
                    autoCommit[0] = (Boolean) values[0];
                    yield null;
                }
                case "prepareStatement" -> statement;
                case "commit" -> {
                    if (breaks == Breaks.ON_COMMIT) {
                        throw broken();
                    }
                    yield null;
                }
                default -> null;
            });
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(CommitOutcomeTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
