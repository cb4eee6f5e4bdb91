// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.ProjectionStatus.State;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionFailureTest {

    private final Ledgers ledgers = new Ledgers();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void close() {
        ledgers.close();
    }

    /** Throws {@code failure} on the first {@code times} dispatches, then hands over to the recorder. */
    private Query<Ledger.Posted> failingFirst(int times, RuntimeException failure) {
        var calls = new AtomicInteger();
        return (id, events) -> {
            if (calls.incrementAndGet() <= times) {
                throw failure;
            }
            recorder.dispatch(id, events);
        };
    }

    private static boolean amount13(EventEnvelope<Ledger.Posted> event) {
        return event.payload().amount() == 13;
    }

    @Test
    void a_handler_that_throws_for_a_while_is_retried_and_converges() throws InterruptedException {
        ledgers.post("L-1", 1L, 2L);
        ledgers.post("L-2", 3L);

        var runner = ledgers.start(ledgers.runner("ledger", failingFirst(3, new IllegalStateException("view down"))));

        ledgers.awaitCaughtUp(runner);
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L);
        assertThat(recorder.sequences("L-2")).containsExactly(1L);
        assertThat(runner.parked()).isEmpty();
        assertThat(runner.status().lastError()).isEmpty();
    }

    @Test
    void an_unreachable_database_is_retried_past_the_attempts_and_never_parks() throws InterruptedException {
        ledgers.post("L-1", 1L, 2L);

        var runner = ledgers.start(ledgers.runner("ledger",
                failingFirst(10, new DatabaseConnectionException("view database unreachable", null))));

        ledgers.awaitCaughtUp(runner);
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L);
        assertThat(runner.parked()).isEmpty();
    }

    @Test
    void a_poison_event_is_parked_and_the_halt_policy_stops_before_it() {
        ledgers.post("L-1", 1L, 2L);
        ledgers.post("L-2", 13L);
        ledgers.post("L-1", 4L);
        recorder.poison(ProjectionFailureTest::amount13);

        var runner = ledgers.start(ledgers.runner("ledger", recorder));

        Await.until("the projection halts", () -> runner.status().state() == State.HALTED);
        var status = runner.status();
        assertThat(status.checkpoint()).isEqualTo(LogPosition.of(2));
        assertThat(status.lagEvents()).isEqualTo(2);
        assertThat(status.parked()).isEqualTo(1);
        assertThat(status.lastError()).isEqualTo("ledger L-2 sequence 1 (Posted 1.0): failed 3 times, parked:"
                + " IllegalStateException: ledger L-2 sequence 1 is poison");
        assertThat(runner.parked()).singleElement().satisfies(parked -> {
            assertThat(parked.event().position()).isEqualTo(LogPosition.of(3));
            assertThat(parked.attempts()).isEqualTo(3);
            assertThat(parked.error()).isEqualTo("IllegalStateException: ledger L-2 sequence 1 is poison");
        });
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L);
    }

    @Test
    void a_halted_projection_resumes_after_the_fix_and_unparks_the_event() throws InterruptedException {
        ledgers.post("L-1", 1L);
        ledgers.post("L-2", 13L);
        ledgers.post("L-1", 4L);
        recorder.poison(ProjectionFailureTest::amount13);
        // one event per batch: a failed batch of several may have applied some before failing, and the
        // recorder (not idempotent, unlike a tracking view) would count those twice
        var runner = ledgers.start(ledgers.runner("ledger", recorder).batchSize(1));
        Await.until("the projection halts", () -> runner.status().state() == State.HALTED);

        recorder.heal();
        runner.resume();

        ledgers.awaitCaughtUp(runner);
        assertThat(runner.status().state()).isEqualTo(State.RUNNING);
        assertThat(runner.parked()).isEmpty();
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L);
        assertThat(recorder.sequences("L-2")).containsExactly(1L);
        assertThat(recorder.violations()).isEmpty();
    }

    @Test
    void a_halted_projection_that_resumes_unfixed_halts_again_on_the_same_event() {
        ledgers.post("L-1", 13L);
        recorder.poison(ProjectionFailureTest::amount13);
        var runner = ledgers.start(ledgers.runner("ledger", recorder));
        Await.until("the projection halts", () -> runner.status().state() == State.HALTED);
        long dispatchesBefore = recorder.dispatches();

        runner.resume();

        Await.until("the projection halts again", () -> runner.status().state() == State.HALTED
                && runner.status().parked() == 1);
        assertThat(runner.status().checkpoint()).isEqualTo(LogPosition.START);
        assertThat(recorder.dispatches()).isEqualTo(dispatchesBefore);
    }

    @Test
    void retrying_the_event_a_projection_halted_on_moves_past_it_after_the_fix() throws InterruptedException {
        ledgers.post("L-1", 1L, 13L, 3L);
        recorder.poison(ProjectionFailureTest::amount13);
        var runner = ledgers.start(ledgers.runner("ledger", recorder));
        Await.until("the projection halts", () -> runner.status().state() == State.HALTED);

        recorder.heal();
        int unparked = runner.retryParked();

        ledgers.awaitCaughtUp(runner);
        assertThat(unparked).isEqualTo(1);
        assertThat(runner.parked()).isEmpty();
        assertThat(runner.status().state()).isEqualTo(State.RUNNING);
        assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L, 3L);
        assertThat(recorder.violations()).isEmpty();
    }

    @Test
    void the_continue_policy_goes_past_a_poison_event_and_parks_later_events_of_its_aggregate_behind_it()
            throws InterruptedException {
        ledgers.post("L-1", 1L, 13L);
        ledgers.post("L-2", 5L);
        ledgers.post("L-1", 3L);
        ledgers.post("L-2", 6L);
        recorder.poison(ProjectionFailureTest::amount13);

        var runner = ledgers.start(ledgers.runner("ledger", recorder).onFailure(FailurePolicy.CONTINUE));

        ledgers.awaitCaughtUp(runner);
        assertThat(runner.status().state()).isEqualTo(State.RUNNING);
        assertThat(recorder.sequences("L-2")).containsExactly(1L, 2L);
        assertThat(recorder.sequences("L-1")).containsExactly(1L);
        assertThat(runner.parked()).extracting(parked -> parked.event().position(), ParkedEvent::attempts)
                .containsExactly(tuple(LogPosition.of(2), 3), tuple(LogPosition.of(4), 0));
    }

    @Test
    void retrying_parked_events_after_the_fix_applies_them_in_order_into_a_tracking_view() throws InterruptedException {
        InMemoryViewRepository<LedgerView> views = InMemoryViewRepository.create();
        var tracking = GenericQuery.tracking(views, LedgerView::initial);
        var poisoned = new AtomicBoolean(true);
        Query<Ledger.Posted> query = (id, events) -> {
            if (poisoned.get() && events.stream().anyMatch(ProjectionFailureTest::amount13)) {
                throw new IllegalStateException("poison");
            }
            tracking.dispatch(id, events);
        };
        ledgers.post("L-1", 1L, 13L);
        ledgers.post("L-1", 3L);
        ledgers.post("L-2", 5L);
        var runner = ledgers.start(ledgers.runner("ledger", query).onFailure(FailurePolicy.CONTINUE));
        ledgers.awaitCaughtUp(runner);
        int stillBroken = runner.retryParked();

        poisoned.set(false);
        int unparked = runner.retryParked();

        assertThat(stillBroken).isZero();
        assertThat(unparked).isEqualTo(2);
        assertThat(runner.parked()).isEmpty();
        assertThat(views.load("L-1")).contains(new LedgerView(17, List.of(1L, 2L, 3L)));
        assertThat(views.loadWithContext("L-1").orElseThrow().context().version()).isEqualTo(3);
        assertThat(views.load("L-2")).contains(new LedgerView(5, List.of(1L)));
    }

    @Test
    void a_parked_event_that_fails_again_stays_parked_with_one_more_attempt() throws InterruptedException {
        ledgers.post("L-1", 13L);
        recorder.poison(ProjectionFailureTest::amount13);
        var runner = ledgers.start(ledgers.runner("ledger", recorder).onFailure(FailurePolicy.CONTINUE));
        ledgers.awaitCaughtUp(runner);

        int unparked = runner.retryParked();

        assertThat(unparked).isZero();
        assertThat(runner.parked()).singleElement().extracting(ParkedEvent::attempts).isEqualTo(4);
    }

    @Test
    void an_event_that_does_not_decode_is_parked_with_the_stores_error() throws InterruptedException {
        ledgers.post("L-1", 1L);
        ledgers.repository.persist(List.of(new SerializedEvent("ledger", "L-2", 1, "Posted", "1.0", "{\"Posted\":{}}", "{}")),
                null);
        ledgers.post("L-3", 3L);

        var runner = ledgers.start(ledgers.runner("ledger", recorder).onFailure(FailurePolicy.CONTINUE));

        ledgers.awaitCaughtUp(runner);
        assertThat(runner.parked()).singleElement().extracting(ParkedEvent::error).asString()
                .startsWith("DeserializationException: ledger L-2 sequence 1 (Posted 1.0): payload does not deserialize");
        assertThat(recorder.sequences("L-1")).containsExactly(1L);
        assertThat(recorder.sequences("L-3")).containsExactly(1L);
    }
}
