// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.postgres.BankAccount.Command.DepositMoney;
import io.cqrs4j.projection.ProjectionRunner;
import io.cqrs4j.projection.ProjectionStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection runner on PostgreSQL: concurrent writers that hold their transactions open, a view
 * table that refuses writes for a while, and an open transaction shown in the status. The view
 * records every sequence applied, so a lost, repeated or reordered event shows.
 */
class PostgresDurableProjectionTest {

    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private static TestDatabase database;
    /** Writers get a pool of their own, so they never starve the projection of connections. */
    private static HikariDataSource writers;

    @BeforeAll
    static void connect() {
        database = TestDatabase.forClass(PostgresDurableProjectionTest.class);
        writers = PostgresCqrs.pool(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
    }

    @AfterAll
    static void drop_the_tables() {
        writers.close();
        database.close();
    }

    @Test
    void eight_concurrent_writers_some_holding_their_transactions_open_20000_events_each_applied_once_in_order()
            throws Exception {
        var projection = new AppliedProjection(database.dataSource(), database.table("concurrent_")).createTables();
        var written = new AppliedProjection(writers, projection.prefix());
        int writersCount = 8;
        int eventsPerWriter = 2_500;
        var halfway = new CountDownLatch(writersCount - 1);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        try (ProjectionRunner runner = projection.runner("applied", builder -> builder.batchSize(200)
                .pollInterval(Duration.ofMillis(200)))) {
            runner.start();
            var work = new ArrayList<Future<?>>();
            for (int writer = 0; writer < writersCount; writer++) {
                String prefix = "w" + writer + "-";
                if (writer < 4) {
                    work.add(threads.submit(() -> commands(written, prefix, eventsPerWriter, halfway)));
                } else {
                    boolean holdFirstUntilHalfway = writer == writersCount - 1;
                    work.add(threads.submit(() -> rawTransactions(written, prefix, eventsPerWriter,
                            holdFirstUntilHalfway ? null : halfway, holdFirstUntilHalfway ? halfway : null)));
                }
            }
            for (Future<?> each : work) {
                each.get(5, TimeUnit.MINUTES);
            }

            assertThat(runner.awaitCheckpoint(projection.endOfLog(), CATCH_UP)).as("caught up").isTrue();
            var committed = projection.committed();
            assertThat(committed.values().stream().mapToInt(List::size).sum()).isEqualTo(writersCount * eventsPerWriter);
            assertThat(projection.applied()).isEqualTo(committed);
            assertThat(runner.status().lagEvents()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Deposits of 1 through the framework, one event per command, on 25 accounts. */
    private static Void commands(AppliedProjection projection, String prefix, int count, CountDownLatch halfway) {
        var cqrs = CqrsFramework.builder(projection.store()).build();
        for (int i = 0; i < count; i++) {
            cqrs.execute(prefix + (i % 25), new DepositMoney(BigDecimal.ONE));
            if (i == count / 2) {
                halfway.countDown();
            }
        }
        return null;
    }

    /**
     * Transactions of 1 to 8 events as the Rust crate writes them, on 25 accounts: some held open
     * on purpose for up to 50 ms before they commit, some rolled back (holes in the positions).
     * With {@code holdUntil}, the first transaction stays open until the other writers are
     * halfway, holding every reader back meanwhile.
     */
    private static Void rawTransactions(AppliedProjection projection, String prefix, int count, CountDownLatch halfway,
                                        CountDownLatch holdUntil) throws InterruptedException {
        var random = ThreadLocalRandom.current();
        long[] sequences = new long[25];
        int written = 0;
        while (written < count) {
            int size = Math.min(count - written, 1 + random.nextInt(8));
            long[] next = sequences.clone();
            try (var transaction = new RawWriter(projection.dataSource(), projection.events().events())) {
                for (int i = 0; i < size; i++) {
                    int account = random.nextInt(25);
                    transaction.insert(prefix + account, ++next[account]);
                }
                if (holdUntil != null && written == 0) {
                    assertThat(holdUntil.await(5, TimeUnit.MINUTES)).isTrue();
                } else if (random.nextInt(10) == 0) {
                    transaction.rollback();
                    continue;
                } else if (random.nextInt(5) == 0) {
                    Thread.sleep(random.nextInt(50));
                }
                transaction.commit();
            }
            sequences = next;
            int before = written;
            written += size;
            if (halfway != null && before < count / 2 && written >= count / 2) {
                halfway.countDown();
            }
        }
        return null;
    }

    @Test
    void a_view_table_that_refuses_writes_for_a_while_converges_to_the_exact_state_once_it_takes_them_again()
            throws Exception {
        var projection = new AppliedProjection(database.dataSource(), database.table("refusing_")).createTables();
        var cqrs = CqrsFramework.builder(new AppliedProjection(writers, projection.prefix()).store()).build();
        try (ProjectionRunner runner = projection.runner("applied", builder -> builder
                .pollInterval(Duration.ofMillis(100))
                .retry(100_000, Duration.ofMillis(10), Duration.ofMillis(200)))) {
            runner.start();
            deposit(cqrs, 0, 50);
            assertThat(runner.awaitCheckpoint(projection.endOfLog(), CATCH_UP)).isTrue();

            database.execute("CREATE FUNCTION " + database.table("refuse") + "() RETURNS trigger LANGUAGE plpgsql"
                    + " AS $$ BEGIN RAISE EXCEPTION 'the view table takes no writes now'; END $$");
            database.execute("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON " + projection.viewTable()
                    + " FOR EACH ROW EXECUTE FUNCTION " + database.table("refuse") + "()");
            int accepted = deposit(cqrs, 50, 100);
            ProjectionStatus failing = awaitStatus(runner, status -> status.lastError().contains("takes no writes"));
            accepted += deposit(cqrs, 150, 50);
            var frozen = projection.applied();
            database.execute("DROP TRIGGER refuse ON " + projection.viewTable());

            assertThat(accepted).as("commands kept succeeding").isEqualTo(150);
            assertThat(failing.state()).isEqualTo(ProjectionStatus.State.RUNNING);
            assertThat(failing.lagEvents()).isPositive();
            assertThat(frozen.values().stream().mapToInt(List::size).sum()).as("applied while refused").isEqualTo(50);
            assertThat(runner.awaitCheckpoint(projection.endOfLog(), CATCH_UP)).isTrue();
            assertThat(projection.applied()).isEqualTo(projection.committed());
            assertThat(projection.committed().values().stream().mapToInt(List::size).sum()).isEqualTo(200);
            assertThat(runner.status().lastError()).isEmpty();
            assertThat(runner.parked()).isEmpty();
        }
    }

    /** Deposits on ten accounts; returns how many commands succeeded. */
    private static int deposit(CqrsFramework<BankAccount, BankAccount.Command, BankAccount.Event> cqrs, int from, int count) {
        int accepted = 0;
        for (int i = from; i < from + count; i++) {
            cqrs.execute("r-" + (i % 10), new DepositMoney(BigDecimal.ONE));
            accepted++;
        }
        return accepted;
    }

    @Test
    void a_transaction_left_open_shows_in_the_status_and_the_projection_catches_up_when_it_commits() throws Exception {
        var projection = new AppliedProjection(database.dataSource(), database.table("held_")).createTables();
        var cqrs = CqrsFramework.builder(new AppliedProjection(writers, projection.prefix()).store()).build();
        try (ProjectionRunner runner = projection.runner("applied", builder -> builder
                .pollInterval(Duration.ofMillis(100)));
             var open = new RawWriter(writers, projection.events().events())) {
            runner.start();
            open.insert("held-open", 1);
            cqrs.execute("after", new DepositMoney(BigDecimal.ONE));
            cqrs.execute("after", new DepositMoney(BigDecimal.ONE));

            String expected = "transaction " + open.transactionId() + " (pid " + open.pid() + ", idle in transaction";
            ProjectionStatus held = awaitStatus(runner, status -> status.heldBack().startsWith(expected));
            open.commit();

            assertThat(held.heldBack()).contains("holds back 2 committed events");
            assertThat(held.lagEvents()).isEqualTo(2);
            assertThat(runner.awaitCheckpoint(projection.endOfLog(), CATCH_UP)).isTrue();
            assertThat(projection.applied()).containsOnlyKeys("after", "held-open")
                    .containsEntry("after", List.of(1L, 2L)).containsEntry("held-open", List.of(1L));
            assertThat(awaitStatus(runner, status -> status.heldBack().isEmpty()).lagEvents()).isZero();
        }
    }

    private static ProjectionStatus awaitStatus(ProjectionRunner runner, Predicate<ProjectionStatus> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        ProjectionStatus status = runner.status();
        while (!condition.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the projection's status did not reach the condition in " + CATCH_UP + ": " + status);
            }
            Thread.sleep(20);
            status = runner.status();
        }
        return status;
    }
}
