// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.mysql.Account.Command.Deposit;
import io.cqrs4j.mysql.Account.Event;
import io.cqrs4j.mysql.Account.Event.CustomerDepositedMoney;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Many threads writing to one MariaDB at once: every command lands exactly once. */
class MysqlConcurrencyTest {

    private static final int THREADS = 8;
    private static final int COMMANDS_PER_THREAD = 2_000;
    private static final int ACCOUNTS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(MysqlConcurrencyTest.class);

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
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void eight_threads_depositing_into_a_hundred_accounts_lose_and_double_nothing() throws Exception {
        PersistedEventStore<Account, Event> store = PersistedEventStore.snapshotting(database.eventRepository(),
                JacksonEventSerializer.of(Account::initial), 10);
        var counted = new ConflictCounter<>(store);
        var cqrs = CqrsFramework.builder(counted).retryOnConflict(10_000, Duration.ofMillis(2)).build();
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "ACCT-" + i).toList();
        var issued = new ConcurrentLinkedQueue<String>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        var start = new CyclicBarrier(THREADS);

        var threads = new ArrayList<Thread>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().name("depositor-" + t).start(() -> {
                try {
                    start.await();
                    for (int k = 0; k < COMMANDS_PER_THREAD; k++) {
                        String commandId = thread + "-" + k;
                        String account = accounts.get(ThreadLocalRandom.current().nextInt(ACCOUNTS));
                        issued.add(commandId);
                        cqrs.execute(account, new Deposit(commandId, BigDecimal.ONE));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        LOG.info("{} threads x {} commands on {} accounts: {} conflicts were retried", THREADS, COMMANDS_PER_THREAD,
                ACCOUNTS, counted.conflicts());
        assertThat(failures).as("failures beside %d conflicts that were retried", counted.conflicts()).isEmpty();
        var stored = new ArrayList<String>();
        for (String account : accounts) {
            List<EventEnvelope<Event>> events = store.loadEvents(account);
            assertThat(events).as(account).extracting(EventEnvelope::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            events.forEach(event -> stored.add(((CustomerDepositedMoney) event.payload()).commandId()));
            var loaded = store.load(account);
            assertThat(loaded.version()).as(account).isEqualTo(events.size());
            assertThat(loaded.aggregate().deposits()).as(account).isEqualTo(events.size());
            assertThat(loaded.aggregate().balance()).as(account).isEqualByComparingTo(BigDecimal.valueOf(events.size()));
        }
        assertThat(stored).hasSize(THREADS * COMMANDS_PER_THREAD).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(issued);
        assertThat(database.count("SELECT count(*) FROM " + database.tables().events())).isEqualTo(THREADS * COMMANDS_PER_THREAD);
    }
}
