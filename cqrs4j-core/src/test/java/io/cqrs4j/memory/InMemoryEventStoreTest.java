// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.AggregateContext;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.BankAccountEvent.AccountOpened;
import io.cqrs4j.example.bank.BankAccountEvent.CustomerDepositedMoney;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreTest {

    private static final Metadata METADATA = Metadata.empty().with(Metadata.CORRELATION_ID, "req-1");

    private final InMemoryEventStore<BankAccount, BankAccountEvent> store = InMemoryEventStore.create(BankAccount::initial);

    private static CustomerDepositedMoney deposit(long amount, long balance) {
        return new CustomerDepositedMoney(BigDecimal.valueOf(amount), BigDecimal.valueOf(balance));
    }

    @Test
    void takes_its_aggregate_type_from_the_initial_state() {
        String type = store.aggregateType();

        assertThat(type).isEqualTo("account");
    }

    @Test
    void an_aggregate_without_events_loads_as_the_initial_state_at_version_0() {
        AggregateContext<BankAccount> loaded = store.load("ACCT-1");

        assertThat(loaded.aggregateId()).isEqualTo("ACCT-1");
        assertThat(loaded.aggregate()).isEqualTo(BankAccount.initial());
        assertThat(loaded.version()).isZero();
        assertThat(store.loadEvents("ACCT-1")).isEmpty();
    }

    @Test
    void commit_appends_with_the_next_sequences_and_the_metadata() {
        store.commit(store.load("ACCT-1"), List.of(new AccountOpened("ACCT-1")), Metadata.empty());

        var committed = store.commit(store.load("ACCT-1"), List.of(deposit(10, 10), deposit(5, 15)), METADATA);

        assertThat(committed).containsExactly(
                new EventEnvelope<>("ACCT-1", 2, deposit(10, 10), METADATA),
                new EventEnvelope<>("ACCT-1", 3, deposit(5, 15), METADATA));
        assertThat(store.loadEvents("ACCT-1")).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void load_folds_every_event_into_the_state_and_reports_the_last_sequence() {
        store.commit(store.load("ACCT-1"), List.of(new AccountOpened("ACCT-1"), deposit(10, 10)), METADATA);
        store.commit(store.load("ACCT-1"), List.of(deposit(5, 15)), METADATA);

        AggregateContext<BankAccount> loaded = store.load("ACCT-1");

        assertThat(loaded.aggregate()).isEqualTo(new BankAccount("ACCT-1", BigDecimal.valueOf(15), true));
        assertThat(loaded.version()).isEqualTo(3);
    }

    @Test
    void load_events_returns_a_copy_that_later_commits_do_not_change() {
        store.commit(store.load("ACCT-1"), List.of(new AccountOpened("ACCT-1")), METADATA);
        var before = store.loadEvents("ACCT-1");

        store.commit(store.load("ACCT-1"), List.of(deposit(1, 1)), METADATA);

        assertThat(before).hasSize(1);
        assertThat(store.loadEvents("ACCT-1")).hasSize(2);
    }

    @Test
    void a_commit_against_a_stale_version_is_a_conflict_and_writes_nothing() {
        AggregateContext<BankAccount> stale = store.load("ACCT-1");
        store.commit(store.load("ACCT-1"), List.of(new AccountOpened("ACCT-1")), METADATA);

        assertThatThrownBy(() -> store.commit(stale, List.of(new AccountOpened("ACCT-1"), deposit(1, 1)), METADATA))

                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isZero();
                    assertThat(conflict.actualVersion()).hasValue(1);
                })
                .hasMessage("account ACCT-1: expected version 0 but the store is at 1 (a concurrent command won); retry");
        assertThat(store.loadEvents("ACCT-1")).hasSize(1);
    }

    @Test
    void rejects_an_empty_commit_and_null_metadata() {
        AggregateContext<BankAccount> context = store.load("ACCT-1");

        assertThatThrownBy(() -> store.commit(context, List.of(), METADATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("account ACCT-1: nothing to commit");
        assertThatThrownBy(() -> store.commit(context, List.of(new AccountOpened("ACCT-1")), null))
                .isInstanceOf(NullPointerException.class).hasMessage("metadata");
        assertThat(store.loadEvents("ACCT-1")).isEmpty();
    }

    @Test
    void unrelated_aggregates_commit_against_the_same_versions_without_conflict() {
        AggregateContext<BankAccount> first = store.load("ACCT-1");
        AggregateContext<BankAccount> second = store.load("ACCT-2");

        store.commit(first, List.of(new AccountOpened("ACCT-1")), METADATA);
        store.commit(second, List.of(new AccountOpened("ACCT-2")), METADATA);

        assertThat(store.load("ACCT-1").version()).isEqualTo(1);
        assertThat(store.load("ACCT-2").version()).isEqualTo(1);
    }

    @Test
    void a_commit_on_one_aggregate_proceeds_while_another_aggregates_commit_is_in_progress() throws Exception {
        var insideCommit = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var firstCommitReleased = new AtomicBoolean();
        var firstResult = new AtomicReference<Object>();
        List<BankAccountEvent> blocking = new AbstractList<>() {
            @Override
            public BankAccountEvent get(int index) {
                insideCommit.countDown();
                try {
                    // a safety net so a store with a global lock fails this test instead of hanging it
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                firstCommitReleased.set(true);
                return new AccountOpened("ACCT-1");
            }

            @Override
            public int size() {
                return 1;
            }
        };
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                firstResult.set(store.commit(store.load("ACCT-1"), blocking, METADATA));
            } catch (RuntimeException e) {
                firstResult.set(e);
            }
        });
        insideCommit.await();

        var second = store.commit(store.load("ACCT-2"), List.of(new AccountOpened("ACCT-2")), METADATA);
        boolean secondFinishedWhileFirstWasInProgress = !firstCommitReleased.get();
        release.countDown();
        first.join();

        assertThat(second).extracting(EventEnvelope::sequence).containsExactly(1L);
        assertThat(secondFinishedWhileFirstWasInProgress)
                .as("ACCT-2's commit completed while ACCT-1's commit was still inside the store").isTrue();
        assertThat(firstResult.get()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(1);
    }

    @Test
    void of_two_commits_racing_on_one_aggregate_exactly_one_wins_every_time() throws Exception {
        int rounds = 300;
        var barrier = new CyclicBarrier(2);
        var wins = new long[2];
        var conflicts = new long[2];
        var unexpected = new ArrayList<Throwable>();
        store.commit(store.load("ACCT-1"), List.of(new AccountOpened("ACCT-1")), METADATA);
        var contexts = new AtomicReference<AggregateContext<BankAccount>>();
        Thread[] racers = new Thread[2];
        for (int r = 0; r < 2; r++) {
            int racer = r;
            racers[r] = Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < rounds; round++) {
                        if (racer == 0) {
                            contexts.set(store.load("ACCT-1"));
                        }
                        barrier.await();
                        AggregateContext<BankAccount> context = contexts.get();
                        try {
                            store.commit(context, List.of(deposit(racer + 1, 0), deposit(racer + 1, 0)), METADATA);
                            wins[racer]++;
                        } catch (AggregateConflictException conflict) {
                            conflicts[racer]++;
                        }
                        barrier.await();
                    }
                } catch (Exception e) {
                    synchronized (unexpected) {
                        unexpected.add(e);
                    }
                }
            });
        }

        for (Thread racer : racers) {
            racer.join();
        }

        assertThat(unexpected).isEmpty();
        assertThat(wins[0] + wins[1]).isEqualTo(rounds);
        assertThat(conflicts[0] + conflicts[1]).isEqualTo(rounds);
        assertThat(store.loadEvents("ACCT-1")).extracting(EventEnvelope::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 1 + 2L * rounds).boxed().toList());
        var events = store.loadEvents("ACCT-1");
        for (int i = 1; i < events.size(); i += 2) {
            assertThat(events.get(i + 1).payload()).as("both events of one commit, sequence %d", i + 2)
                    .isEqualTo(events.get(i).payload());
        }
    }
}
