// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the service answers when the store fails: 409 + Retry-After, 503, and 500 without internals. */
class StoreFailureTest {

    private final FailingEventStore events = new FailingEventStore();
    private final FailingViewRepository views = new FailingViewRepository();
    private BankServer server;
    private DemoClient client;

    @BeforeEach
    void start_the_service() {
        server = BankServer.start(new Storage("failing", events, views, () -> { }), new HappyPathBankAccountServices(), 0);
        client = new DemoClient(server.port());
        assertThat(client.post("ACCT-1", DemoAssertions.open("ACCT-1")).statusCode()).isEqualTo(204);
    }

    @AfterEach
    void stop_the_service() {
        server.close();
    }

    @Test
    void a_conflict_that_outlives_every_retry_is_a_409_problem_with_retry_after() {
        events.failCommits(context -> new AggregateConflictException("account", context.aggregateId(),
                context.version(), context.version() + 1, null));
        int before = events.commitsAttempted();

        HttpResponse<String> response = client.post("ACCT-1", DemoAssertions.deposit("10"));

        assertProblem(response, 409, "another command changed account ACCT-1 at the same time");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(events.commitsAttempted() - before).isEqualTo(1 + BankServer.RETRIES_ON_CONFLICT);
    }

    @Test
    void an_unreachable_database_is_a_503_problem() {
        events.failCommits(context -> new DatabaseConnectionException(
                "cannot reach db.internal:5432 as admin", new ConnectException("Connection refused")));

        HttpResponse<String> response = client.post("ACCT-1", DemoAssertions.deposit("10"));

        assertProblem(response, 503, "the database cannot be reached; nothing was written");
        assertThat(response.body()).doesNotContain("db.internal");
    }

    @Test
    void a_connection_that_broke_during_the_commit_is_a_503_problem_that_does_not_promise_nothing_was_written() {
        events.failCommits(context -> new DatabaseConnectionException("connection reset during COMMIT at db.internal",
                new java.net.SocketException("Connection reset"), true));

        HttpResponse<String> response = client.post("ACCT-1", DemoAssertions.deposit("10"));

        assertProblem(response, 503, "may or may not have been written; read the account before sending it again");
        assertThat(response.body()).doesNotContain("db.internal", "nothing was written");
    }

    @Test
    void an_unreachable_view_database_is_a_503_problem_on_get() {
        views.failLoads(new DatabaseConnectionException("cannot reach views.internal:5432", null));

        HttpResponse<String> response = client.get("ACCT-1");

        assertProblem(response, 503, "the database cannot be reached");
        assertThat(response.body()).doesNotContain("views.internal");
    }

    @Test
    void any_other_failure_is_a_500_problem_that_names_an_error_id_but_no_internals() {
        events.failCommits(context -> new IllegalStateException("password=hunter2 in /etc/bank.conf"));

        HttpResponse<String> response = client.post("ACCT-1", DemoAssertions.deposit("10"));

        assertProblem(response, 500, "an unexpected error occurred; it was logged with id ");
        assertThat(response.body()).doesNotContain("hunter2", "IllegalStateException", "bank.conf");
    }

    @Test
    void unreadable_stored_data_is_a_500_problem_without_internals() {
        views.failLoads(new DeserializationException("view ACCT-1 in account_query: unexpected token at secret", null));

        HttpResponse<String> response = client.get("ACCT-1");

        assertProblem(response, 500, "logged with id");
        assertThat(response.body()).doesNotContain("secret", "account_query");
    }

    /** An in-memory view repository whose loads fail once told to. */
    private static final class FailingViewRepository implements ViewRepository<BankAccountView> {

        private final ViewRepository<BankAccountView> delegate = InMemoryViewRepository.create();
        private volatile RuntimeException loadFailure;

        void failLoads(RuntimeException failure) {
            this.loadFailure = failure;
        }

        @Override
        public Optional<StoredView<BankAccountView>> loadWithContext(String viewId) {
            var failure = loadFailure;
            if (failure != null) {
                throw failure;
            }
            return delegate.loadWithContext(viewId);
        }

        @Override
        public void updateView(BankAccountView view, ViewContext context) {
            delegate.updateView(view, context);
        }
    }
}
