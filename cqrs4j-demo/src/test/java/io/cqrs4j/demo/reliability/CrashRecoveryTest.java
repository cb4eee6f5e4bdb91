// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.reliability.DepositLoad.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo in a process of its own under concurrent deposits, killed with SIGKILL mid-load and
 * restarted on the same data, several times: every deposit answered 204 is in the balance, none is
 * applied twice, no commit is half-written, and the view converges on the events.
 *
 * <p>The view is fed by the durable projection on both stores. Fed in the request ({@code
 * --projection sync}), it is written after the events commit, so a kill between the two leaves the
 * view behind until the account's next command: that mode is not crash-safe for the view.
 */
class CrashRecoveryTest {

    private static final int ACCOUNTS = 4;
    private static final int WORKERS = 12;
    private static final int KILLS = 3;
    private static final int DEPOSITS_BEFORE_KILL = 40;
    /** A restarted process takes the projection's lease once the killed one's expires (30 s), then catches up. */
    private static final Duration VIEW_CONVERGES = Duration.ofSeconds(90);
    private static final Duration LOAD_PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    private DemoProcess demo;

    @AfterEach
    void kill_the_demo() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void on_sqlite_a_sigkill_mid_load_loses_no_acknowledged_deposit_applies_none_twice_and_the_view_converges()
            throws Exception {
        Path file = directory.resolve("bank.db");
        demo = new DemoProcess("crash-sqlite", "--store", "sqlite", "--url", file.toString(), "--projection", "durable");

        survivesKills(() -> DriverManager.getConnection("jdbc:sqlite:" + file));
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void on_postgres_a_sigkill_mid_load_loses_no_acknowledged_deposit_applies_none_twice_and_the_view_converges()
            throws Exception {
        try (var database = new ReliabilityPostgres()) {
            demo = new DemoProcess("crash-postgres", "--store", "postgres", "--url", database.demoUrl(),
                    "--projection", "durable");

            survivesKills(database::connect);
        }
    }

    private void survivesKills(Database database) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var load = new DepositLoad(IntStream.range(0, ACCOUNTS).mapToObj(i -> "CRASH-" + run + "-" + i).toList());
        demo.start();
        load.openAccounts(demo.base());

        for (int kill = 1; kill <= KILLS; kill++) {
            long before = load.count(Outcome.ACKNOWLEDGED);
            load.start(List.of(demo.base()), WORKERS);
            awaitAcknowledged(load, before + DEPOSITS_BEFORE_KILL);
            load.halt();
            demo.kill(); // while the workers' requests are in flight
            load.stop();
            demo.start();
        }

        assertThat(load.count(Outcome.ACKNOWLEDGED)).isGreaterThanOrEqualTo((long) KILLS * DEPOSITS_BEFORE_KILL);
        assertThat(load.exchanges()).as("answers other than 204, 409 or none (killed)\n" + demo.tail())
                .allMatch(exchange -> List.of(204, 409, -1).contains(exchange.status()));
        try (Connection connection = database.connect()) {
            for (String account : load.accounts()) {
                EventLedger ledger = EventLedger.read(connection, account);
                ledger.assertAgreesWith(load, demo::tail);
                ledger.assertViewConverges(demo.base(), VIEW_CONVERGES, demo::tail);
            }
        }
    }

    private void awaitAcknowledged(DepositLoad load, long count) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_PATIENCE.toNanos();
        while (load.count(Outcome.ACKNOWLEDGED) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + load.count(Outcome.ACKNOWLEDGED) + " of " + count
                        + " deposits acknowledged within " + LOAD_PATIENCE + "\n" + demo.tail());
            }
            Thread.sleep(10);
        }
    }

    /** Where the test reads the events behind the demo's back. */
    @FunctionalInterface
    interface Database {
        Connection connect() throws SQLException;
    }
}
