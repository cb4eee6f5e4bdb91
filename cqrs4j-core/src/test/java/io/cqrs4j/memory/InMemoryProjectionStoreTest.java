// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LeaseLostException;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import io.cqrs4j.projection.ParkedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InMemoryProjectionStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private final SteppingClock clock = new SteppingClock();
    private final InMemoryProjectionStore store = InMemoryProjectionStore.create(clock);

    @Test
    void the_first_owner_gets_token_1_and_another_owner_is_refused_while_it_lasts() {
        var first = store.acquire("ledger", "a", TTL);

        var second = store.acquire("ledger", "b", TTL);

        assertThat(first).contains(new Lease("ledger", "a", 1, T0.plus(TTL)));
        assertThat(second).isEmpty();
    }

    @Test
    void the_holder_renews_with_the_same_token_and_a_later_expiry() {
        store.acquire("ledger", "a", TTL);
        clock.advance(Duration.ofSeconds(10));

        var renewed = store.acquire("ledger", "a", TTL);

        assertThat(renewed).contains(new Lease("ledger", "a", 1, T0.plusSeconds(40)));
    }

    @Test
    void an_expired_lease_goes_to_the_next_owner_with_a_greater_token() {
        store.acquire("ledger", "a", TTL);
        clock.advance(TTL);

        var taken = store.acquire("ledger", "b", TTL);

        assertThat(taken).contains(new Lease("ledger", "b", 2, T0.plus(TTL).plus(TTL)));
    }

    @Test
    void a_released_lease_goes_to_the_next_owner_at_once() {
        store.release(store.acquire("ledger", "a", TTL).orElseThrow());

        var taken = store.acquire("ledger", "b", TTL);

        assertThat(taken.map(Lease::token)).contains(2L);
    }

    @Test
    void releasing_a_lease_that_was_taken_over_leaves_the_new_holder_alone() {
        Lease old = store.acquire("ledger", "a", TTL).orElseThrow();
        clock.advance(TTL);
        store.acquire("ledger", "b", TTL);

        store.release(old);

        assertThat(store.acquire("ledger", "c", TTL)).isEmpty();
    }

    @Test
    void the_holder_moves_the_checkpoint_of_its_own_projection_only() {
        Lease lease = store.acquire("ledger", "a", TTL).orElseThrow();

        store.saveCheckpoint(lease, LogPosition.of(7));

        assertThat(store.checkpoint("ledger")).isEqualTo(LogPosition.of(7));
        assertThat(store.checkpoint("other")).isEqualTo(LogPosition.START);
    }

    @Test
    void a_holder_that_was_taken_over_cannot_move_the_checkpoint() {
        Lease old = store.acquire("ledger", "a", TTL).orElseThrow();
        store.saveCheckpoint(old, LogPosition.of(3));
        clock.advance(TTL);
        Lease current = store.acquire("ledger", "b", TTL).orElseThrow();
        store.saveCheckpoint(current, LogPosition.of(5));

        assertThatThrownBy(() -> store.saveCheckpoint(old, LogPosition.of(4)))

                .isInstanceOf(LeaseLostException.class)
                .hasMessage("projection ledger: lease of a with token 1 was taken over (the store is at token 2);"
                        + " this instance stops running it");
        assertThat(store.checkpoint("ledger")).isEqualTo(LogPosition.of(5));
    }

    @Test
    void a_released_lease_cannot_move_the_checkpoint() {
        Lease lease = store.acquire("ledger", "a", TTL).orElseThrow();
        store.release(lease);

        assertThatThrownBy(() -> store.saveCheckpoint(lease, LogPosition.of(1)))

                .isInstanceOf(LeaseLostException.class);
        assertThat(store.checkpoint("ledger")).isEqualTo(LogPosition.START);
    }

    @Test
    void apply_and_checkpoint_runs_no_work_for_a_lease_that_was_taken_over() {
        Lease old = store.acquire("ledger", "a", TTL).orElseThrow();
        clock.advance(TTL);
        store.acquire("ledger", "b", TTL);
        var ran = new AtomicBoolean();

        assertThatThrownBy(() -> store.applyAndCheckpoint(old, LogPosition.of(1), () -> ran.set(true)))

                .isInstanceOf(LeaseLostException.class);
        assertThat(ran).isFalse();
    }

    @Test
    void apply_and_checkpoint_runs_the_work_then_moves_the_checkpoint() {
        Lease lease = store.acquire("ledger", "a", TTL).orElseThrow();
        var ran = new AtomicBoolean();

        store.applyAndCheckpoint(lease, LogPosition.of(2), () -> ran.set(true));

        assertThat(ran).isTrue();
        assertThat(store.checkpoint("ledger")).isEqualTo(LogPosition.of(2));
    }

    @Test
    void apply_and_checkpoint_leaves_the_checkpoint_when_the_work_fails() {
        Lease lease = store.acquire("ledger", "a", TTL).orElseThrow();

        assertThatThrownBy(() -> store.applyAndCheckpoint(lease, LogPosition.of(2), () -> {
            throw new IllegalStateException("view down");
        }))

                .hasMessage("view down");
        assertThat(store.checkpoint("ledger")).isEqualTo(LogPosition.START);
    }

    @Test
    void parked_events_are_listed_in_log_order_replaced_by_position_and_unparked() {
        store.park(parked(5, "second", 3));
        store.park(parked(2, "first", 3));
        store.park(parked(5, "second again", 4));

        var listed = store.parked("ledger");
        store.unpark("ledger", LogPosition.of(2));

        assertThat(listed).extracting(ParkedEvent::error).containsExactly("first", "second again");
        assertThat(store.parked("ledger")).extracting(ParkedEvent::error).containsExactly("second again");
        assertThat(store.parked("other")).isEmpty();
    }

    @Test
    void reset_rewinds_the_checkpoint_and_forgets_parked_events() {
        Lease lease = store.acquire("ledger", "a", TTL).orElseThrow();
        store.saveCheckpoint(lease, LogPosition.of(9));
        store.park(parked(4, "bad", 3));

        store.reset("ledger");

        assertThat(store.checkpoint("ledger")).isEqualTo(LogPosition.START);
        assertThat(store.parked("ledger")).isEmpty();
    }

    private static ParkedEvent parked(long position, String error, int attempts) {
        var event = new SerializedEvent("ledger", "L-1", position, "Posted", "1.0", "{}", "{}", position);
        return new ParkedEvent("ledger", new LoggedEvent(LogPosition.of(position), event, T0), error, attempts, T0);
    }

    /** A clock that stands still until the test moves it. */
    private static final class SteppingClock extends Clock {
        private volatile Instant now = T0;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
