// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.mysql.Account.Command.Deposit;
import io.cqrs4j.mysql.Account.Command.Open;
import io.cqrs4j.mysql.Account.Event;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.ProjectionRunner;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Core's projection runner on MariaDB with the tracking query, its view in the same database: while
 * four threads deposit, the projection follows the log and every view ends at its aggregate's state.
 */
class MysqlDurableProjectionTest {

    private static final int THREADS = 4;
    private static final int DEPOSITS_PER_THREAD = 100;
    private static final int ACCOUNTS = 20;
    private static final Duration CATCH_UP = Duration.ofMinutes(1);

    private static TestMariaDb database;

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.withEventTables();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void a_tracking_view_follows_concurrent_writers_and_ends_at_every_aggregates_state() throws Exception {
        String viewTable = database.table("account_view");
        MysqlCqrs.createViewTable(database.dataSource(), viewTable);
        ProjectionTables projectionTables = ProjectionTables.withPrefix(database.table(""));
        MysqlCqrs.createProjectionSchema(database.dataSource(), projectionTables);
        PersistedEventStore<Account, Event> store = PersistedEventStore.eventSourced(database.eventRepository(),
                JacksonEventSerializer.of(Account::initial));
        ViewRepository<AccountView> views = MysqlCqrs.viewRepository(database.dataSource(), viewTable,
                JacksonViewSerializer.of(AccountView.class));
        var cqrs = CqrsFramework.builder(store).retryOnConflict(10_000, Duration.ofMillis(2)).build();
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "ACCT-" + i).toList();

        try (ProjectionRunner runner = ProjectionRunner.builder("account-view", store,
                        GenericQuery.tracking(views, AccountView::empty))
                .eventLog(MysqlCqrs.eventLog(database.dataSource(), database.tables()))
                .projectionStore(MysqlCqrs.projectionStore(database.dataSource(), projectionTables))
                .pollInterval(Duration.ofMillis(20))
                .batchSize(50)
                .build()) {
            runner.start();
            for (String account : accounts) {
                cqrs.execute(account, new Open(account));
            }
            var threads = new ArrayList<Thread>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int k = 0; k < DEPOSITS_PER_THREAD; k++) {
                        cqrs.execute(accounts.get((thread + k) % ACCOUNTS), new Deposit(thread + "-" + k, BigDecimal.ONE));
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long end = database.count("SELECT MAX(global_position) FROM " + database.tables().events());

            assertThat(runner.awaitCheckpoint(LogPosition.of(end), CATCH_UP)).as("caught up").isTrue();
        }

        long total = 0;
        for (String account : accounts) {
            var loaded = store.load(account);
            var stored = views.loadWithContext(account).orElseThrow();
            assertThat(stored.view().deposits()).as(account).isEqualTo(loaded.aggregate().deposits());
            assertThat(stored.view().balance()).as(account).isEqualByComparingTo(loaded.aggregate().balance());
            assertThat(stored.context().version()).as(account).isEqualTo(loaded.version());
            total += stored.view().deposits();
        }
        assertThat(total).isEqualTo(THREADS * DEPOSITS_PER_THREAD);
    }
}
