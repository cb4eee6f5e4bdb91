// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LeaseLostException;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import io.cqrs4j.projection.ParkedEvent;
import io.cqrs4j.projection.ProjectionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ProjectionStore} does: one lease per projection, renewed by its owner with the same
 * token and taken over with a greater one once it expired or was released; checkpoints fenced by that
 * token; parked events listed in log order, unparked one by one and forgotten on reset.
 *
 * <p>Expiry is judged by the store's own clock (the database's, for SQL stores), so the takeover test
 * claims a lease of {@link #shortLease()} and polls until another owner gets it, failing after
 * {@link #patience()}; it never sleeps a fixed time.
 *
 * {@snippet :
 * class PostgresProjectionStoreContractTest extends ProjectionStoreContract {
 *     protected ProjectionStore createStore() {
 *         return store; // created once in a static @BeforeAll
 *     }
 * }
 * }
 */
public abstract class ProjectionStoreContract {

    /** A lease that outlives any test. */
    protected static final Duration LONG = Duration.ofMinutes(5);

    /** The store under test, created before each test. */
    protected ProjectionStore store;

    /** A projection name no other test uses. */
    protected final String projection = "balances-" + UUID.randomUUID();

    /**
     * Creates the store under test; called before every test. It may share its tables with earlier
     * calls: every test uses a fresh projection name. It runs before the subclass's own
     * {@code @BeforeEach} methods: keep pools and schemas in static fields set up once.
     *
     * @return the store
     */
    protected abstract ProjectionStore createStore();

    /**
     * How long the lease lasts that the takeover test lets expire; 1 ms unless the store needs more.
     *
     * @return a positive duration the store accepts as a lease's ttl
     */
    protected Duration shortLease() {
        return Duration.ofMillis(1);
    }

    /**
     * How long the takeover test polls for the short lease to expire on the store's clock before it fails.
     *
     * @return the longest wait for an expiry
     */
    protected Duration patience() {
        return Duration.ofMinutes(1);
    }

    /** Creates the store under test. */
    @BeforeEach
    public void createStoreUnderTest() {
        store = createStore();
    }

    @Test
    public void a_new_projection_starts_before_the_first_event() {
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
        assertThat(store.parked(projection)).isEmpty();
    }

    @Test
    public void the_lease_holder_moves_the_checkpoint_and_a_renewal_keeps_its_token() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();

        store.saveCheckpoint(lease, LogPosition.of(7));
        Lease renewed = store.acquire(projection, "a", LONG).orElseThrow();

        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.of(7));
        assertThat(renewed.token()).isEqualTo(lease.token());
        assertThat(renewed.expiresAt()).isAfterOrEqualTo(lease.expiresAt());
    }

    @Test
    public void another_owner_is_refused_while_the_lease_runs_and_takes_over_with_a_greater_token_once_it_expired()
            throws InterruptedException {
        Lease first = store.acquire(projection, "a", shortLease()).orElseThrow();
        String other = "ledger-" + UUID.randomUUID();
        store.acquire(other, "a", LONG).orElseThrow();

        Optional<Lease> refused = store.acquire(other, "b", LONG);
        Lease second = takeOver("b");

        assertThat(refused).isEmpty();
        assertThat(second.token()).isGreaterThan(first.token());
        assertThatThrownBy(() -> store.saveCheckpoint(first, LogPosition.of(9)))
                .isInstanceOf(LeaseLostException.class);
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
        assertThat(store.acquire(projection, "a", LONG)).isEmpty();
        store.saveCheckpoint(second, LogPosition.of(3));
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.of(3));
    }

    @Test
    public void a_released_lease_is_taken_over_at_once_and_the_former_holder_can_no_longer_write() {
        Lease first = store.acquire(projection, "a", LONG).orElseThrow();
        store.saveCheckpoint(first, LogPosition.of(4));

        store.release(first);
        Lease second = store.acquire(projection, "b", LONG).orElseThrow();

        assertThat(second.token()).isEqualTo(first.token() + 1);
        assertThatThrownBy(() -> store.saveCheckpoint(first, LogPosition.of(8))).isInstanceOf(LeaseLostException.class);
        assertThat(store.checkpoint(projection)).as("the new holder continues from the checkpoint").isEqualTo(LogPosition.of(4));
    }

    @Test
    public void parked_events_are_listed_in_log_order_removed_when_unparked_and_forgotten_on_reset() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();
        store.saveCheckpoint(lease, LogPosition.of(90));

        store.park(parked(LogPosition.of(40), "later"));
        store.park(parked(LogPosition.of(30), "earlier"));

        assertThat(store.parked(projection)).extracting(ParkedEvent::error).containsExactly("earlier", "later");
        store.unpark(projection, LogPosition.of(30));
        assertThat(store.parked(projection)).extracting(ParkedEvent::error).containsExactly("later");
        store.reset(projection);
        assertThat(store.parked(projection)).isEmpty();
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
    }

    private ParkedEvent parked(LogPosition position, String error) {
        var event = new SerializedEvent("account", "acct-1", position.position(), "Noted", "1.0", "{\"Noted\":{}}", "{}",
                position.position());
        return new ParkedEvent(projection, new LoggedEvent(position, event, Instant.parse("2026-11-29T07:00:00.123Z")),
                error, 3, Instant.now());
    }

    /** Claims the lease for {@code owner} once the current one expired, judged by the store; fails after {@link #patience()}. */
    private Lease takeOver(String owner) throws InterruptedException {
        long deadline = System.nanoTime() + patience().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Lease> lease = store.acquire(projection, owner, LONG);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError(owner + " could not take the lease of " + projection + " over in " + patience()
                + "; the store's clock never let the " + shortLease() + " lease expire");
    }
}
