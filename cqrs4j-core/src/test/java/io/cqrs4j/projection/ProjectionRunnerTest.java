// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.ProjectionStatus.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionRunnerTest {

    private final Ledgers ledgers = new Ledgers();

    @AfterEach
    void close() {
        ledgers.close();
    }

    @Test
    void catches_up_from_the_start_then_follows_new_commits() throws InterruptedException {
        ledgers.post("L-1", 10L, 20L);
        ledgers.post("L-2", 5L);
        var recorder = new Recorder();
        var runner = ledgers.start(ledgers.runner("ledger", recorder));
        ledgers.awaitCaughtUp(runner);

        ledgers.post("L-1", 30L);
        ledgers.post("L-3", 1L, 2L, 3L);

        ledgers.awaitCaughtUp(runner);
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L, 3L);
        assertThat(recorder.sequences("L-2")).containsExactly(1L);
        assertThat(recorder.sequences("L-3")).containsExactly(1L, 2L, 3L);
        assertThat(recorder.violations()).isEmpty();
        assertThat(runner.status().state()).isEqualTo(State.RUNNING);
    }

    @Test
    void a_projection_added_later_replays_all_history_into_a_tracking_view() throws InterruptedException {
        var first = ledgers.start(ledgers.runner("first", new Recorder()));
        for (int i = 0; i < 30; i++) {
            ledgers.post("L-" + i % 4, (long) i);
        }
        ledgers.awaitCaughtUp(first);
        InMemoryViewRepository<LedgerView> views = InMemoryViewRepository.create();

        var later = ledgers.start(ledgers.runner("later", GenericQuery.tracking(views, LedgerView::initial)));

        ledgers.awaitCaughtUp(later);
        var stored = views.loadWithContext("L-1").orElseThrow();
        assertThat(stored.context().version()).isEqualTo(ledgers.cqrs.load("L-1").version());
        assertThat(stored.view()).isEqualTo(new LedgerView(1 + 5 + 9 + 13 + 17 + 21 + 25 + 29,
                List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)));
    }

    @Test
    void dispatches_consecutive_events_of_one_aggregate_together() throws InterruptedException {
        ledgers.post("L-1", 1L, 2L, 3L);
        ledgers.post("L-2", 4L);
        ledgers.post("L-1", 5L);
        var recorder = new Recorder();

        var runner = ledgers.start(ledgers.runner("ledger", recorder));

        ledgers.awaitCaughtUp(runner);
        assertThat(recorder.dispatches()).isEqualTo(3);
        assertThat(recorder.applied()).isEqualTo(5);
    }

    @Test
    void skips_other_aggregate_types_and_moves_the_checkpoint_past_them() throws InterruptedException {
        ledgers.post("L-1", 1L);
        ledgers.repository.persist(List.of(new SerializedEvent("invoice", "I-1", 1, "Issued", "1.0",
                "not JSON a ledger could read", "{}")), null);
        ledgers.post("L-1", 2L);
        var recorder = new Recorder();

        var runner = ledgers.start(ledgers.runner("ledger", recorder));

        ledgers.awaitCaughtUp(runner);
        assertThat(runner.status().checkpoint()).isEqualTo(LogPosition.of(3));
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L);
        assertThat(recorder.sequences("I-1")).isEmpty();
        assertThat(runner.parked()).isEmpty();
    }

    @Test
    void decodes_events_with_the_stores_upcasters() throws InterruptedException {
        ledgers.repository.persist(List.of(new SerializedEvent("ledger", "L-1", 1, "Posted", "0.9",
                "{\"Posted\":{\"cents\":700}}", "{}")), null);
        InMemoryViewRepository<LedgerView> views = InMemoryViewRepository.create();
        var query = GenericQuery.tracking(views, LedgerView::initial);

        var runner = ledgers.start(ProjectionRunner.builder("ledger",
                        ledgers.store.withUpcasters(LedgerSerializer.CENTS_UPCASTER), query)
                .eventLog(ledgers.repository)
                .projectionStore(ledgers.projections)
                .pollInterval(Duration.ofMillis(10)));

        ledgers.awaitCaughtUp(runner);
        assertThat(views.load("L-1")).contains(new LedgerView(7, List.of(1L)));
    }

    @Test
    void reset_rebuilds_the_read_model_from_the_start() throws InterruptedException {
        ledgers.post("L-1", 1L, 2L);
        ledgers.post("L-2", 3L);
        var recorder = new Recorder();
        var clears = new AtomicInteger();
        var runner = ledgers.start(ledgers.runner("ledger", recorder).onReset(() -> {
            clears.incrementAndGet();
            recorder.clear();
        }));
        ledgers.awaitCaughtUp(runner);

        runner.reset();

        ledgers.awaitCaughtUp(runner);
        assertThat(clears).hasValue(1);
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L);
        assertThat(recorder.sequences("L-2")).containsExactly(1L);
        assertThat(recorder.violations()).isEmpty();
    }

    @Test
    void reset_of_a_runner_that_is_not_started_rewinds_the_checkpoint_and_leaves_it_stopped() throws InterruptedException {
        ledgers.post("L-1", 1L);
        var runner = ledgers.start(ledgers.runner("ledger", new Recorder()));
        ledgers.awaitCaughtUp(runner);
        runner.close();

        runner.reset();

        var status = runner.status();
        assertThat(status.checkpoint()).isEqualTo(LogPosition.START);
        assertThat(status.state()).isEqualTo(State.STOPPED);
        assertThat(status.lagEvents()).isEqualTo(1);
    }

    @Test
    void status_reports_the_lag_in_events_until_the_projection_catches_up() throws InterruptedException {
        ledgers.post("L-1", 1L, 2L, 3L);
        ledgers.post("L-2", 4L);
        var runner = ledgers.runner("ledger", new Recorder()).build();

        var before = runner.status();
        runner.start();
        ledgers.awaitCaughtUp(runner);
        var after = runner.status();
        runner.close();

        assertThat(before.state()).isEqualTo(State.STOPPED);
        assertThat(before.checkpoint()).isEqualTo(LogPosition.START);
        assertThat(before.lagEvents()).isEqualTo(4);
        assertThat(before.parked()).isZero();
        assertThat(after.state()).isEqualTo(State.RUNNING);
        assertThat(after.checkpoint()).isEqualTo(LogPosition.of(4));
        assertThat(after.lagEvents()).isZero();
        assertThat(after.lagTime()).isEqualTo(Duration.ZERO);
        assertThat(after.lastError()).isEmpty();
        assertThat(after.heldBack()).isEmpty();
        assertThat(runner.status().state()).isEqualTo(State.STOPPED);
    }

    @Test
    void await_checkpoint_gives_up_after_its_timeout_when_the_position_is_not_reached() throws InterruptedException {
        var runner = ledgers.start(ledgers.runner("ledger", new Recorder()));

        boolean reached = runner.awaitCheckpoint(LogPosition.of(1), Duration.ofMillis(20));

        assertThat(reached).isFalse();
    }

    @Test
    void a_runner_cannot_start_twice() {
        var runner = ledgers.start(ledgers.runner("ledger", new Recorder()));

        assertThatThrownBy(runner::start)

                .isInstanceOf(IllegalStateException.class)
                .hasMessage("projection ledger is running already; close() it before starting again");
    }

    @Test
    void building_needs_an_event_log_and_a_lease_of_at_least_three_poll_intervals() {
        var withoutLog = ProjectionRunner.builder("ledger", ledgers.store, new Recorder()).projectionStore(ledgers.projections);
        var shortLease = ledgers.runner("ledger", new Recorder()).pollInterval(Duration.ofSeconds(1)).leaseTtl(Duration.ofSeconds(2));

        assertThatThrownBy(withoutLog::build)

                .isInstanceOf(IllegalStateException.class)
                .hasMessage("projection ledger: eventLog(...) is required; pass the backend's (or the in-memory) one");
        assertThatThrownBy(shortLease::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("projection ledger: the lease time PT2S must be at least three poll intervals (PT1S)"
                        + " so it is renewed in time");
    }

    @Test
    void the_store_decodes_only_events_of_its_own_aggregate_type() {
        var invoice = new SerializedEvent("invoice", "I-1", 1, "Issued", "1.0", "{}", "{}");

        assertThatThrownBy(() -> ledgers.store.decode(invoice))

                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invoice I-1 sequence 1 (Issued 1.0) is not an event of ledger;"
                        + " decode it with the store of its own aggregate type");
    }
}
