// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountCommand;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.example.bank.BankAccountServices;
import io.cqrs4j.example.bank.MockBankAccountServices;
import io.cqrs4j.memory.InMemoryEventStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * 16 threads deposit 1,000 times each into one account, released together by a latch so they
 * really race. Thread {@code t} deposits {@code t + 1} each time, so every lost or doubled
 * deposit shows in the balance.
 */
class CqrsFrameworkConcurrencyTest {

    private static final int THREADS = 16;
    private static final int DEPOSITS_PER_THREAD = 1_000;
    private static final String ACCOUNT = "ACCT-race";

    private final InMemoryEventStore<BankAccount, BankAccountEvent> store = InMemoryEventStore.create(BankAccount::initial);

    private CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework(int retries) {
        return CqrsFramework.builder(store).services((BankAccountServices) new MockBankAccountServices())
                .retryOnConflict(retries, Duration.ofMillis(1))
                .build();
    }

    @Test
    void with_retry_every_deposit_commits_exactly_once_with_contiguous_sequences() throws InterruptedException {
        var cqrs = framework(100_000);
        cqrs.execute(ACCOUNT, new OpenAccount(ACCOUNT));

        Race race = race(cqrs);

        assertThat(race.unexpected).isEmpty();
        assertThat(race.conflicts).isEmpty();
        BigDecimal expected = BigDecimal.valueOf(DEPOSITS_PER_THREAD * LongStream.rangeClosed(1, THREADS).sum());
        assertThat(race.succeeded.get()).isEqualTo(THREADS * DEPOSITS_PER_THREAD);
        assertThat(cqrs.load(ACCOUNT).aggregate().balance()).isEqualTo(expected);
        assertStoredDepositsAreConsistent(1 + THREADS * DEPOSITS_PER_THREAD, expected);
    }

    @Test
    void without_retry_every_failure_is_a_conflict_and_the_balance_is_the_sum_of_the_successes()
            throws InterruptedException {
        var cqrs = framework(0);
        cqrs.execute(ACCOUNT, new OpenAccount(ACCOUNT));

        Race race = race(cqrs);

        assertThat(race.unexpected).isEmpty();
        assertThat(race.conflicts).allSatisfy(conflict -> assertThat(conflict.aggregateId()).isEqualTo(ACCOUNT));
        assertThat(race.succeeded.get() + race.conflicts.size()).isEqualTo(THREADS * DEPOSITS_PER_THREAD);
        BigDecimal expected = BigDecimal.valueOf(race.succeededAmount.get());
        assertThat(cqrs.load(ACCOUNT).aggregate().balance()).isEqualTo(expected);
        assertStoredDepositsAreConsistent(1 + race.succeeded.get(), expected);
    }

    /** Sequences 1..n without gaps, and each deposit's balance is the previous one plus its amount. */
    private void assertStoredDepositsAreConsistent(long expectedEvents, BigDecimal expectedBalance) {
        List<EventEnvelope<BankAccountEvent>> events = store.loadEvents(ACCOUNT);
        assertThat(events).extracting(EventEnvelope::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedEvents).boxed().toList());
        BigDecimal balance = BigDecimal.ZERO;
        for (EventEnvelope<BankAccountEvent> event : events.subList(1, events.size())) {
            var deposit = (CustomerDepositedMoney) event.payload();
            balance = balance.add(deposit.amount());
            assertThat(deposit.balance()).as("balance after sequence %d", event.sequence()).isEqualTo(balance);
        }
        assertThat(balance).isEqualTo(expectedBalance);
    }

    private static Race race(CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs)
            throws InterruptedException {
        var race = new Race();
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < THREADS; t++) {
            long amount = t + 1;
            threads.add(Thread.ofPlatform().name("depositor-" + t).start(() -> {
                awaitQuietly(start);
                for (int i = 0; i < DEPOSITS_PER_THREAD; i++) {
                    try {
                        cqrs.execute(ACCOUNT, new DepositMoney(BigDecimal.valueOf(amount)));
                        race.succeeded.incrementAndGet();
                        race.succeededAmount.addAndGet(amount);
                    } catch (AggregateConflictException conflict) {
                        race.conflicts.add(conflict);
                    } catch (Throwable other) {
                        race.unexpected.add(other);
                    }
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return race;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the racing threads saw. */
    private static final class Race {
        final AtomicLong succeeded = new AtomicLong();
        final AtomicLong succeededAmount = new AtomicLong();
        final Queue<AggregateConflictException> conflicts = new ConcurrentLinkedQueue<>();
        final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    }
}
