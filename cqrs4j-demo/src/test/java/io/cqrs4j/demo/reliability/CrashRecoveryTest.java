// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.TestPostgres;
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
 * applied twice, no commit is half-written (the events, and the snapshots on SQLite or the
 * aggregate store on PostgreSQL, agree), the restarted process takes commands, and the view
 * converges on the events.
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
    /** A restarted process takes the projection's lease once the killed one's expires (BankServer.PROJECTION_LEASE), then catches up. */
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
        demo = new DemoProcess("crash-sqlite", "--store", "sqlite", "--url", file.toString(), "--projection", "durable",
                "--snapshot-every", "5");

        survivesKills(() -> DriverManager.getConnection("jdbc:sqlite:" + file), false);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void on_postgres_a_sigkill_mid_load_loses_no_acknowledged_deposit_applies_none_twice_and_the_view_converges()
            throws Exception {
        try (var database = new TestPostgres(); // closed last: the schema is dropped once the demo is gone
             var process = new DemoProcess("crash-postgres", "--store", "postgres", "--url", database.demoUrl(),
                     "--projection", "durable", "--aggregate-store")) {
            demo = process;

            survivesKills(database::connect, true);
        }
    }

    /**
     * Why the crash tests use the durable projection: the state a SIGKILL leaves when it falls
     * between the event commit and the view write of {@code --projection sync} (made here by
     * writing the event behind the demo's back) survives a restart in sync mode, and only the
     * durable projection brings the view up to the events.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void in_sync_mode_a_view_write_lost_to_a_crash_stays_lost_after_a_restart_and_the_durable_projection_recovers_it()
            throws Exception {
        Path file = directory.resolve("bank.db");
        String account = "SYNC-" + UUID.randomUUID().toString().substring(0, 8);
        var load = new DepositLoad(List.of(account));
        demo = new DemoProcess("crash-sqlite-sync-view", "--store", "sqlite", "--url", file.toString(), "--projection", "sync");
        demo.start();
        load.openAccounts(demo.base());
        assertThat(post(account, "{\"DepositMoney\":{\"amount\":1.00}}")).isEqualTo(204);
        demo.kill();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.createStatement().executeUpdate("INSERT INTO events (aggregate_type, aggregate_id, sequence,"
                    + " event_type, event_version, payload, metadata) VALUES ('account', '" + account + "', 3,"
                    + " 'CustomerDepositedMoney', '1.0', '{\"CustomerDepositedMoney\":{\"amount\":2.00,\"balance\":3.00}}', '{}')");
        }

        demo.start();
        DepositLoad.Exchange syncView = DepositLoad.get(demo.base(), account);
        demo.kill();
        demo = new DemoProcess("crash-sqlite-durable-view", "--store", "sqlite", "--url", file.toString(), "--projection", "durable");
        demo.start();

        assertThat(syncView.status()).as(syncView.toString()).isEqualTo(200);
        assertThat(EventLedger.json(syncView.body()).get("balance").decimalValue()).as(syncView.toString())
                .isEqualByComparingTo("1.00");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            EventLedger ledger = EventLedger.read(connection, account);
            assertThat(ledger.balance()).isEqualByComparingTo("3.00");
            ledger.assertViewConverges(demo.base(), VIEW_CONVERGES, demo::tail);
        }
    }

    private int post(String account, String body) {
        return DepositLoad.post(demo.base(), account, body, 1).status();
    }

    /**
     * Kills the demo mid-load {@link #KILLS} times, then deposits once more through the restarted
     * process (which loads the account from what the crashes left) and checks the store.
     *
     * @param aggregateStore whether the demo runs {@code --aggregate-store} (else snapshots)
     */
    private void survivesKills(Database database, boolean aggregateStore) throws Exception {
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
        long beforeLastRound = load.count(Outcome.ACKNOWLEDGED);
        load.start(List.of(demo.base()), WORKERS);
        awaitAcknowledged(load, beforeLastRound + DEPOSITS_BEFORE_KILL);
        load.stop();

        assertThat(load.count(Outcome.ACKNOWLEDGED)).isGreaterThanOrEqualTo((long) (KILLS + 1) * DEPOSITS_BEFORE_KILL);
        assertThat(load.exchanges()).as("answers other than 204, 409 or none (killed)\n" + demo.tail())
                .allMatch(exchange -> List.of(204, 409, -1).contains(exchange.status()));
        int committedInDoubt = 0;
        try (Connection connection = database.connect()) {
            for (String account : load.accounts()) {
                EventLedger ledger = EventLedger.read(connection, account);
                ledger.assertAgreesWith(load, demo::tail);
                ledger.assertStoredAccountAgrees(connection, aggregateStore, demo::tail);
                ledger.assertViewConverges(demo.base(), VIEW_CONVERGES, demo::tail);
                committedInDoubt += (int) ledger.depositCents().stream()
                        .filter(load.deposits(account, Outcome.UNKNOWN)::contains).count();
            }
        }
        System.out.printf("%d kills: %d deposits acknowledged, %d unanswered, of which %d committed%n", KILLS,
                load.count(Outcome.ACKNOWLEDGED), load.count(Outcome.UNKNOWN), committedInDoubt);
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
