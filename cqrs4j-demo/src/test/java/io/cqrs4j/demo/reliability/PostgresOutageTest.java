// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.TestPostgres;
import io.cqrs4j.demo.reliability.DepositLoad.Exchange;
import io.cqrs4j.demo.reliability.DepositLoad.Outcome;
import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL goes away under load and comes back, behind a {@link FaultProxy} (see there why that
 * is an outage to the demo): while it is away every request fails fast with a 503 problem that
 * says what happened and shows no internals; once it is back the same process serves again, and
 * the events hold every acknowledged deposit, none twice, with no partial commit.
 */
class PostgresOutageTest {

    private static final int ACCOUNTS = 4;
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    /**
     * The bound on one answer during the outage: the demo waits at most 3 s for a pooled connection
     * (Stores.POOL_WAIT); the rest is slack for a busy machine. HikariCP's default would be 30 s.
     */
    private static final Duration FAIL_FAST = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration VIEW_CONVERGES = Duration.ofSeconds(60);
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "org.postgresql", "com.zaxxer", "java.",
            "io.cqrs4j", "SQLState", "127.0.0.1");

    private DemoProcess demo;

    @AfterEach
    void kill_the_demo() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void requests_fail_fast_with_503_while_postgres_is_away_and_succeed_again_without_a_restart() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var load = new DepositLoad(IntStream.range(0, ACCOUNTS).mapToObj(i -> "OUTAGE-" + run + "-" + i).toList());
        try (var database = new TestPostgres(); // closed last: the schema is dropped once the demo is gone
             var proxy = new FaultProxy(TestPostgres.host(), TestPostgres.port());
             var process = new DemoProcess("outage-postgres", "--store", "postgres", "--url",
                     database.demoUrl("127.0.0.1", proxy.port()), "--projection", "durable")) {
            demo = process;
            demo.start();
            URI base = demo.base();
            load.openAccounts(base);
            // one worker per account: the demo runs an account's commands one at a time, so a
            // request waits for the pool once, not behind a queue of others that wait too
            load.start(List.of(base), ACCOUNTS);
            awaitAcknowledgedSince(load, Long.MIN_VALUE, 20);

            proxy.stop();
            long down = System.nanoTime();
            Thread.sleep(OUTAGE.toMillis() / 2);
            List<Exchange> readsDuringOutage = readAll(base, load.accounts());
            Thread.sleep(OUTAGE.toMillis() / 2);
            long up = System.nanoTime();
            proxy.start();
            awaitAcknowledgedSince(load, up, ACCOUNTS * 5);
            load.stop();

            List<Exchange> depositsDuringOutage = load.exchanges().stream()
                    .filter(exchange -> exchange.startNanos() >= down && exchange.endNanos() <= up).toList();
            assertThat(depositsDuringOutage).as("deposits sent while PostgreSQL was away").hasSizeGreaterThanOrEqualTo(ACCOUNTS);
            assertFailedFast(depositsDuringOutage);
            assertFailedFast(readsDuringOutage);
            assertThat(load.exchanges()).as("answers other than 204 and 503\n" + demo.tail())
                    .allMatch(exchange -> exchange.status() == 204 || exchange.status() == 503);
            try (Connection connection = database.connect()) {
                int committedAfter503 = 0;
                for (String account : load.accounts()) {
                    EventLedger ledger = EventLedger.read(connection, account);
                    ledger.assertAgreesWith(load, demo::tail);
                    ledger.assertViewConverges(base, VIEW_CONVERGES, demo::tail);
                    committedAfter503 += (int) ledger.depositCents().stream()
                            .filter(load.deposits(account, Outcome.UNKNOWN)::contains).count();
                }
                System.out.printf("outage: %d deposits acknowledged, %d answered 503, of which %d committed nevertheless%n",
                        load.count(Outcome.ACKNOWLEDGED), load.count(Outcome.UNKNOWN), committedAfter503);
            }
        }
    }

    /** GETs every account at once. */
    private static List<Exchange> readAll(URI base, List<String> accounts) throws InterruptedException {
        var reads = new ConcurrentLinkedQueue<Exchange>();
        var threads = accounts.stream().map(account -> Thread.ofVirtual().start(() -> reads.add(DepositLoad.get(base, account))))
                .toList();
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(reads);
    }

    private void assertFailedFast(List<Exchange> exchanges) {
        for (Exchange exchange : exchanges) {
            String about = exchange + "\n" + demo.tail();
            assertThat(exchange.status()).as(about).isEqualTo(503);
            assertThat(exchange.contentType()).as(about).isEqualTo("application/problem+json");
            assertThat(EventLedger.json(exchange.body()).get("detail").asText()).as(about)
                    .contains("the database cannot be reached");
            assertThat(exchange.body()).as(about).doesNotContain(INTERNALS);
            assertThat(exchange.took()).as(about).isLessThan(FAIL_FAST);
        }
    }

    /** Waits until {@code count} deposits sent after {@code since} (System.nanoTime) got 204. */
    private void awaitAcknowledgedSince(DepositLoad load, long since, int count) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (load.exchanges().stream().filter(e -> e.startNanos() >= since && e.status() == 204).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " deposits acknowledged within " + RECOVERY
                        + "\n" + demo.tail());
            }
            Thread.sleep(20);
        }
    }
}
