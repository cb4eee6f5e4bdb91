// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.TestPostgres;
import io.cqrs4j.demo.reliability.DepositLoad.Outcome;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two demo processes, started at once on one empty PostgreSQL schema, each with its durable
 * projection, take concurrent deposits to the same accounts: optimistic concurrency lets exactly one commit take each
 * sequence, so no update is lost, no sequence is taken twice, the balances are exactly the
 * acknowledged deposits, and both processes' views agree.
 */
class TwoProcessesTest {

    private static final int ACCOUNTS = 4;
    /** Four workers per account, two through each process. */
    private static final int WORKERS = 16;
    private static final int DEPOSITS = 150;
    private static final Duration LOAD_PATIENCE = Duration.ofSeconds(90);
    private static final Duration VIEW_CONVERGES = Duration.ofSeconds(60);

    private DemoProcess first;
    private DemoProcess second;

    @AfterEach
    void kill_the_demos() throws InterruptedException {
        for (DemoProcess demo : new DemoProcess[] {first, second}) {
            if (demo != null) {
                demo.close();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void two_processes_on_one_database_lose_no_update_take_no_sequence_twice_and_agree_on_exact_balances()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var load = new DepositLoad(IntStream.range(0, ACCOUNTS).mapToObj(i -> "SHARED-" + run + "-" + i).toList());
        try (var database = new TestPostgres(); // closed last: the schema is dropped once the demos are gone
             var one = new DemoProcess("two-processes-1", "--store", "postgres", "--url", database.demoUrl(), "--projection", "durable");
             var two = new DemoProcess("two-processes-2", "--store", "postgres", "--url", database.demoUrl(), "--projection", "durable")) {
            first = one;
            second = two;
            startTogether(); // both create the tables where missing, at the same time
            load.openAccounts(first.base());

            load.start(List.of(first.base(), second.base()), WORKERS);
            awaitAcknowledged(load);
            load.stop();

            assertThat(load.exchanges()).as("answers other than 204 or 409\n" + first.tail() + "\n" + second.tail())
                    .allMatch(exchange -> exchange.status() == 204 || exchange.status() == 409);
            assertThat(load.count(Outcome.UNKNOWN)).isZero();
            for (String account : load.accounts()) {
                assertThat(load.exchanges()).as("both processes acknowledged deposits to " + account)
                        .filteredOn(exchange -> exchange.status() == 204 && exchange.uri().getPath().endsWith("/" + account))
                        .extracting(exchange -> exchange.uri().getPort()).contains(first.base().getPort(), second.base().getPort());
            }
            try (Connection connection = database.connect()) {
                assertThat(duplicateSequences(connection)).as("sequences stored twice").isEmpty();
                for (String account : load.accounts()) {
                    EventLedger ledger = EventLedger.read(connection, account);
                    ledger.assertAgreesWith(load, () -> first.tail() + "\n" + second.tail());
                    assertThat(ledger.depositCents()).as("deposits of " + account)
                            .containsExactlyInAnyOrderElementsOf(load.deposits(account, Outcome.ACKNOWLEDGED));
                    ledger.assertViewConverges(first.base(), VIEW_CONVERGES, first::tail);
                    ledger.assertViewConverges(second.base(), VIEW_CONVERGES, second::tail);
                }
            }
        }
    }

    private void startTogether() throws Exception {
        var failure = new AtomicReference<Throwable>();
        Thread starting = Thread.ofVirtual().start(() -> {
            try {
                second.start();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        first.start();
        starting.join();
        if (failure.get() != null) {
            throw new AssertionError("the second process did not start", failure.get());
        }
    }

    private static List<String> duplicateSequences(Connection connection) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery("SELECT aggregate_type, aggregate_id, sequence"
                + " FROM events GROUP BY aggregate_type, aggregate_id, sequence HAVING COUNT(*) > 1")) {
            var duplicates = new ArrayList<String>();
            while (rows.next()) {
                duplicates.add(rows.getString(1) + "/" + rows.getString(2) + "#" + rows.getLong(3));
            }
            return duplicates;
        }
    }

    private void awaitAcknowledged(DepositLoad load) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_PATIENCE.toNanos();
        while (load.count(Outcome.ACKNOWLEDGED) < DEPOSITS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + load.count(Outcome.ACKNOWLEDGED) + " deposits acknowledged within "
                        + LOAD_PATIENCE + "\n" + first.tail() + "\n" + second.tail());
            }
            Thread.sleep(10);
        }
    }
}
