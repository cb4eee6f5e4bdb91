// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LeaseLostException;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import io.cqrs4j.projection.ParkedEvent;
import io.cqrs4j.projection.ProjectionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The projection store on real MariaDB: the lease claimed on the server's clock, fenced checkpoints, parked events. */
class MysqlProjectionStoreTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    private static TestMariaDb database;
    private static ProjectionStore store;

    private final String projection = "balances-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.create();
        ProjectionTables tables = ProjectionTables.withPrefix(database.table(""));
        MysqlCqrs.createProjectionSchema(database.dataSource(), tables);
        MysqlCqrs.createProjectionSchema(database.dataSource(), tables);
        store = MysqlCqrs.projectionStore(database.dataSource(), tables);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Test
    void the_lease_holder_moves_the_checkpoint_and_a_renewal_keeps_its_token() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();

        store.saveCheckpoint(lease, LogPosition.of(7));
        Lease renewed = store.acquire(projection, "a", LONG).orElseThrow();

        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.of(7));
        assertThat(renewed.token()).isEqualTo(lease.token());
        assertThat(renewed.expiresAt()).isAfterOrEqualTo(lease.expiresAt());
    }

    @Test
    void another_owner_is_refused_while_the_lease_runs_and_takes_over_with_a_greater_token_once_it_expired()
            throws InterruptedException {
        Lease first = store.acquire(projection, "a", Duration.ofMillis(1)).orElseThrow();
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
    void a_released_lease_is_taken_over_at_once_and_the_former_holder_can_no_longer_write() {
        Lease first = store.acquire(projection, "a", LONG).orElseThrow();
        store.saveCheckpoint(first, LogPosition.of(4));

        store.release(first);
        Lease second = store.acquire(projection, "b", LONG).orElseThrow();

        assertThat(second.token()).isEqualTo(first.token() + 1);
        assertThatThrownBy(() -> store.saveCheckpoint(first, LogPosition.of(8))).isInstanceOf(LeaseLostException.class);
        assertThat(store.checkpoint(projection)).as("the new holder continues from the checkpoint").isEqualTo(LogPosition.of(4));
    }

    @Test
    void projection_names_that_differ_only_in_case_are_two_projections() {
        String upper = projection.toUpperCase(Locale.ROOT);

        Lease lower = store.acquire(projection, "a", LONG).orElseThrow();
        Optional<Lease> other = store.acquire(upper, "b", LONG);
        store.saveCheckpoint(lower, LogPosition.of(5));

        assertThat(other).isPresent();
        assertThat(store.checkpoint(upper)).isEqualTo(LogPosition.START);
    }

    @Test
    void parked_events_are_listed_in_log_order_removed_when_unparked_and_forgotten_on_reset() {
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

    /** Claims the lease for {@code owner} once the current one expired, judged by the server; fails after a minute. */
    private Lease takeOver(String owner) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Lease> lease = store.acquire(projection, owner, LONG);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError(owner + " could not take the lease of " + projection + " over in " + PATIENCE);
    }
}
