// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.projection.ProjectionStatus.State;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionLeaseTest {

    private final Ledgers ledgers = new Ledgers();

    @AfterEach
    void close() {
        ledgers.close();
    }

    private void postRound(int round) {
        for (int i = 0; i < 10; i++) {
            ledgers.post("L-" + i % 3, (long) round * 100 + i);
        }
    }

    @Test
    void one_instance_runs_and_the_other_stands_by_until_it_is_closed_then_takes_over_from_the_checkpoint()
            throws InterruptedException {
        var recorder = new Recorder();
        postRound(1);
        var first = ledgers.start(ledgers.runner("ledger", recorder).owner("first"));
        ledgers.awaitCaughtUp(first);
        var second = ledgers.start(ledgers.runner("ledger", recorder).owner("second"));
        Await.until("the second instance stands by", () -> second.status().state() == State.STANDBY);
        postRound(2);
        ledgers.awaitCaughtUp(first);

        first.close();

        Await.until("the second instance runs", () -> second.status().state() == State.RUNNING);
        postRound(3);
        ledgers.awaitCaughtUp(second);
        assertThat(first.status().state()).isEqualTo(State.STOPPED);
        assertThat(recorder.applied()).isEqualTo(30);
        assertThat(recorder.violations()).isEmpty();
        assertThat(recorder.sequences("L-0")).isEqualTo(LongStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void an_expired_lease_is_taken_over_and_the_stale_instance_cannot_move_the_checkpoint() throws InterruptedException {
        InMemoryViewRepository<LedgerView> views = InMemoryViewRepository.create();
        var tracking = GenericQuery.tracking(views, LedgerView::initial);
        var gate = new Gate(tracking);
        var fenced = new FenceWatch(ledgers.projections);
        postRound(1);
        var stale = ledgers.start(ledgers.runner("ledger", gate).owner("stale").projectionStore(fenced));
        ledgers.awaitCaughtUp(stale);
        gate.close();
        ledgers.post("L-0", 999L);
        assertThat(gate.entered.await(20, TimeUnit.SECONDS)).as("the stale instance is stuck in its query").isTrue();
        var fresh = ledgers.start(ledgers.runner("ledger", tracking).owner("fresh"));
        Await.until("the fresh instance stands by", () -> fresh.status().state() == State.STANDBY);

        ledgers.clock.advance(Ledgers.LEASE.plusSeconds(1));

        Await.until("the fresh instance takes over", () -> fresh.status().state() == State.RUNNING);
        postRound(2);
        ledgers.awaitCaughtUp(fresh);
        LogPosition end = ledgers.end();
        gate.release.countDown();
        Await.until("the stale instance stands by", () -> stale.status().state() == State.STANDBY);
        assertThat(fenced.refused.get()).isPositive();
        assertThat(ledgers.projections.checkpoint("ledger")).isEqualTo(end);
        for (String id : List.of("L-0", "L-1", "L-2")) {
            long version = ledgers.cqrs.load(id).version();
            assertThat(views.load(id).orElseThrow().applied()).as(id)
                    .isEqualTo(LongStream.rangeClosed(1, version).boxed().toList());
        }
    }

    @Test
    void operations_that_need_the_lease_are_refused_on_a_standby_instance() {
        var active = ledgers.start(ledgers.runner("ledger", new Recorder()).owner("active"));
        Await.until("the first instance runs", () -> active.status().state() == State.RUNNING);
        var standby = ledgers.start(ledgers.runner("ledger", new Recorder()).owner("standby"));
        Await.until("the second instance stands by", () -> standby.status().state() == State.STANDBY);

        assertThatThrownBy(standby::retryParked)

                .isInstanceOf(IllegalStateException.class)
                .hasMessage("projection ledger: retryParked() needs the lease, which another instance holds;"
                        + " call it there, or close that instance first");
        assertThatThrownBy(standby::reset).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_operation_on_a_runner_that_is_not_started_gives_the_lease_back_after() {
        var idle = ledgers.runner("ledger", new Recorder()).owner("idle").build();
        idle.retryParked();

        var other = ledgers.start(ledgers.runner("ledger", new Recorder()).owner("other"));

        Await.until("the other instance runs", () -> other.status().state() == State.RUNNING);
        assertThat(idle.status().state()).isEqualTo(State.STOPPED);
    }

    /** Passes dispatches to a query, except that once closed it holds the next one until released. */
    private static final class Gate implements Query<Ledger.Posted> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final Query<Ledger.Posted> query;
        private volatile boolean closed;

        Gate(Query<Ledger.Posted> query) {
            this.query = query;
        }

        void close() {
            closed = true;
        }

        @Override
        public void dispatch(String aggregateId, List<EventEnvelope<Ledger.Posted>> events) {
            if (closed) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            query.dispatch(aggregateId, events);
        }
    }

    /** A projection store that counts the checkpoint moves it refused for a lost lease. */
    private static final class FenceWatch implements ProjectionStore {
        final AtomicInteger refused = new AtomicInteger();
        private final ProjectionStore store;

        FenceWatch(ProjectionStore store) {
            this.store = store;
        }

        @Override
        public java.util.Optional<Lease> acquire(String projection, String owner, java.time.Duration ttl) {
            return store.acquire(projection, owner, ttl);
        }

        @Override
        public void release(Lease lease) {
            store.release(lease);
        }

        @Override
        public LogPosition checkpoint(String projection) {
            return store.checkpoint(projection);
        }

        @Override
        public void saveCheckpoint(Lease lease, LogPosition position) {
            try {
                store.saveCheckpoint(lease, position);
            } catch (LeaseLostException e) {
                refused.incrementAndGet();
                throw e;
            }
        }

        @Override
        public void applyAndCheckpoint(Lease lease, LogPosition position, Runnable work) {
            try {
                store.applyAndCheckpoint(lease, position, work);
            } catch (LeaseLostException e) {
                refused.incrementAndGet();
                throw e;
            }
        }

        @Override
        public void park(ParkedEvent parked) {
            store.park(parked);
        }

        @Override
        public List<ParkedEvent> parked(String projection) {
            return store.parked(projection);
        }

        @Override
        public void unpark(String projection, LogPosition position) {
            store.unpark(projection, position);
        }

        @Override
        public void reset(String projection) {
            store.reset(projection);
        }
    }
}
