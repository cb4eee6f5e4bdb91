// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.conformance.ProjectionStoreContract;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.jdbc.ProjectionTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LeaseLostException;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import io.cqrs4j.projection.ParkedEvent;
import io.cqrs4j.projection.ProjectionStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection store on PostgreSQL: the conformance suite (fenced leases on the database clock, parked
 * events), the checkpoint in the view's transaction, and what the lost-lease errors say.
 */
class PostgresProjectionStoreTest extends ProjectionStoreContract {

    private static TestDatabase database;
    private static ProjectionTables tables;
    private static ProjectionStore shared;
    private static ViewRepository<AccountView> views;
    private static PersistedEventRepository events;

    private final String account = "ACCT-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_tables() {
        database = TestDatabase.withEventTables(PostgresProjectionStoreTest.class);
        tables = ProjectionTables.withPrefix(database.schema() + ".");
        PostgresCqrs.createProjectionSchema(database.dataSource(), tables);
        PostgresCqrs.createProjectionSchema(database.dataSource(), tables);
        shared = PostgresCqrs.projectionStore(database.dataSource(), tables);
        PostgresCqrs.createViewTable(database.dataSource(), database.table("account_view"));
        views = PostgresCqrs.viewRepository(database.dataSource(), database.table("account_view"),
                JacksonViewSerializer.of(AccountView.class));
        events = database.eventRepository();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Override
    protected ProjectionStore createStore() {
        return shared;
    }

    private AccountView view(String balance) {
        return new AccountView(account, new BigDecimal(balance), List.of());
    }

    private Runnable storeView(String balance) {
        return () -> views.updateView(view(balance), ViewContext.newView(account));
    }

    /** Claims the lease for {@code owner} once the current one expired, judged by the database; fails after a minute. */
    private Lease takeOver(String owner) throws InterruptedException {
        long deadline = System.nanoTime() + LogReader.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Lease> lease = store.acquire(projection, owner, LONG);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError(owner + " could not take the lease of " + projection + " over in " + LogReader.PATIENCE);
    }

    @Test
    void a_checkpoint_by_a_lease_taken_over_names_its_owner_its_token_and_the_stores_token() throws Exception {
        Lease first = store.acquire(projection, "a", Duration.ofMillis(1)).orElseThrow();

        Lease second = takeOver("b");

        assertThatThrownBy(() -> store.saveCheckpoint(first, new LogPosition(9, 9)))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("lease of a with token " + first.token() + " was taken over")
                .hasMessageContaining("the store is at token " + second.token());
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
    }

    @Test
    void a_released_lease_can_no_longer_write_a_view_with_its_checkpoint() {
        Lease first = store.acquire(projection, "a", LONG).orElseThrow();

        store.release(first);
        store.acquire(projection, "b", LONG).orElseThrow();

        assertThatThrownBy(() -> store.applyAndCheckpoint(first, new LogPosition(1, 1), storeView("10.0")))
                .isInstanceOf(LeaseLostException.class);
        assertThat(views.load(account)).isEmpty();
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
    }

    @Test
    void the_checkpoint_commits_in_the_views_transaction() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();

        store.applyAndCheckpoint(lease, new LogPosition(3, 4), storeView("10.0"));

        assertThat(views.load(account)).contains(view("10.0"));
        assertThat(store.checkpoint(projection)).isEqualTo(new LogPosition(3, 4));
    }

    @Test
    void a_failing_batch_keeps_neither_its_view_writes_nor_the_checkpoint() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();
        store.saveCheckpoint(lease, new LogPosition(1, 1));

        assertThatThrownBy(() -> store.applyAndCheckpoint(lease, new LogPosition(3, 4), () -> {
            storeView("10.0").run();
            throw new IllegalStateException("the view's handler failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the view's handler failed");

        assertThat(views.load(account)).isEmpty();
        assertThat(store.checkpoint(projection)).isEqualTo(new LogPosition(1, 1));
    }

    @Test
    void work_that_swallows_a_failed_statement_commits_nothing() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();
        SerializedEvent event = new SerializedEvent("account", account, 1, "AccountOpened", "1.0",
                "{\"AccountOpened\":{\"account_id\":\"" + account + "\"}}", "{}");
        events.persist(List.of(event), null);

        assertThatThrownBy(() -> store.applyAndCheckpoint(lease, new LogPosition(3, 4), () -> {
            storeView("10.0").run();
            try {
                events.persist(List.of(event), null);
            } catch (AggregateConflictException swallowed) {
                // a handler that goes on after a failure
            }
        })).isInstanceOf(UnexpectedException.class).hasMessageContaining("rolled the shared transaction back");

        assertThat(views.load(account)).isEmpty();
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
    }

    @Test
    void a_takeover_waits_for_the_checkpoint_transaction_in_flight_and_starts_from_its_checkpoint() throws Exception {
        Lease first = store.acquire(projection, "a", Duration.ofMillis(1)).orElseThrow();
        var inWork = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        Thread batch = Thread.ofVirtual().start(() -> store.applyAndCheckpoint(first, new LogPosition(8, 8), () -> {
            storeView("80.0").run();
            inWork.countDown();
            await(finish);
        }));
        assertThat(inWork.await(1, TimeUnit.MINUTES)).isTrue();
        var startedFrom = new AtomicReference<LogPosition>();
        Thread takeover = Thread.ofVirtual().start(() -> {
            try {
                takeOver("b");
                startedFrom.set(store.checkpoint(projection));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        boolean fenceWaited = awaitLockWait(takeover);
        finish.countDown();

        assertThat(batch.join(LogReader.PATIENCE)).isTrue();
        assertThat(takeover.join(LogReader.PATIENCE)).isTrue();
        assertThat(fenceWaited).as("the takeover's fence waited for the batch's transaction").isTrue();
        assertThat(startedFrom.get()).isEqualTo(new LogPosition(8, 8));
        assertThat(views.load(account)).contains(view("80.0"));
        assertThatThrownBy(() -> store.saveCheckpoint(first, new LogPosition(9, 9))).isInstanceOf(LeaseLostException.class);
    }

    /** True once a session waits on a lock to fence the checkpoint; false if {@code takeover} finished first. */
    private boolean awaitLockWait(Thread takeover) throws InterruptedException {
        long deadline = System.nanoTime() + LogReader.PATIENCE.toNanos();
        while (takeover.isAlive() && System.nanoTime() < deadline) {
            if (database.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE 'UPDATE " + tables.checkpoints() + " SET token = %'") > 0) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void parked_events_are_listed_in_log_order_updated_when_parked_again_removed_and_forgotten_on_reset() {
        Lease lease = store.acquire(projection, "a", LONG).orElseThrow();
        store.saveCheckpoint(lease, new LogPosition(9, 90));
        ParkedEvent later = parked(new LogPosition(9, 40), "later", 1);
        ParkedEvent earlier = parked(new LogPosition(9, 30), "earlier", 5);

        store.park(later);
        store.park(earlier);
        store.park(parked(new LogPosition(9, 40), "failed again", 2));

        List<ParkedEvent> listed = store.parked(projection);
        assertThat(listed).extracting(ParkedEvent::error).containsExactly("earlier", "failed again");
        assertThat(listed.getFirst().event()).isEqualTo(earlier.event());
        assertThat(listed.getLast().attempts()).isEqualTo(2);
        assertThat(listed).extracting(ParkedEvent::parkedAt).allMatch(at -> at.isAfter(Instant.parse("2020-01-01T00:00:00Z")));

        store.unpark(projection, new LogPosition(9, 30));
        assertThat(store.parked(projection)).extracting(ParkedEvent::error).containsExactly("failed again");

        store.reset(projection);
        assertThat(store.parked(projection)).isEmpty();
        assertThat(store.checkpoint(projection)).isEqualTo(LogPosition.START);
        store.saveCheckpoint(lease, new LogPosition(9, 1));
        assertThat(store.checkpoint(projection)).isEqualTo(new LogPosition(9, 1));
    }

    private ParkedEvent parked(LogPosition position, String error, int attempts) {
        var event = new SerializedEvent("account", account, position.position(), "CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"amount\":1.0,\"balance\":1.0}}", "{\"user\":\"ann\"}", position.position());
        return new ParkedEvent(projection, new LoggedEvent(position, event, Instant.parse("2026-11-29T07:00:00.123Z")),
                error, attempts, Instant.now());
    }

    @Test
    void names_are_checked_before_any_sql_runs() {
        assertThatThrownBy(() -> new ProjectionTables("checkpoints; drop table x", "leases", "parked"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoints table name 'checkpoints; drop table x' is not a plain identifier");
        assertThatThrownBy(() -> store.acquire(" ", "a", LONG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projection name must be 1 to 200 characters");
        assertThatThrownBy(() -> store.acquire(projection, "a", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a lease lasts at least 1 ms");
    }

    @Test
    void the_tables_have_no_large_object_columns() {
        var types = database.query("SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name LIKE 'projection_%'", database.schema());

        assertThat(types).extracting(row -> row.get("data_type"))
                .containsOnly("character varying", "bigint", "text", "integer");
    }
}
