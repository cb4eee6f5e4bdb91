// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.UnexpectedException;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL event log: transactions that commit out of order, an open transaction holding
 * the reader back (and being named), rolled-back holes, lag, and wake-ups by NOTIFY.
 */
class PostgresEventLogTest {

    private static TestDatabase database;
    private static EventTables tables;
    private static EventLog log;
    private static PersistedEventRepository repository;

    private final String first = "ACCT-" + UUID.randomUUID();
    private final String second = "ACCT-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_tables() {
        database = TestDatabase.withEventTables(PostgresEventLogTest.class);
        tables = database.tables("");
        log = PostgresCqrs.eventLog(database.dataSource(), tables);
        repository = database.eventRepository();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    private RawWriter writer() {
        return new RawWriter(database.dataSource(), tables.events());
    }

    private LogReader reader() {
        return new LogReader(log, LogPosition.START,
                event -> List.of(first, second).contains(event.event().aggregateId()));
    }

    /** Reads until the reader is held back by {@code writer}'s transaction (another session's may come first). */
    private static LogBatch heldBackBy(LogReader reader, RawWriter writer) throws InterruptedException {
        long deadline = System.nanoTime() + LogReader.PATIENCE.toNanos();
        String expected = "transaction " + writer.transactionId() + " (pid " + writer.pid();
        while (true) {
            LogBatch batch = reader.readAvailable(100);
            if (batch.heldBack().startsWith(expected) || System.nanoTime() > deadline) {
                return batch;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void an_event_that_commits_after_a_later_numbered_one_is_read_before_it_and_not_skipped() throws Exception {
        var reader = reader();
        try (RawWriter early = writer(); RawWriter late = writer()) {
            long earlyPosition = early.insert(first, 1);
            long latePosition = late.insert(second, 1);
            late.commit();

            LogBatch held = heldBackBy(reader, early);
            early.commit();
            var events = reader.readUntil(2);

            assertThat(held.events()).noneMatch(event -> event.event().aggregateId().equals(second));
            assertThat(events).extracting(event -> event.event().aggregateId()).containsExactly(first, second);
            assertThat(events).extracting(event -> event.position().position()).containsExactly(earlyPosition, latePosition);
            assertThat(events.get(0).position()).isLessThan(events.get(1).position());
        }
    }

    @Test
    void an_open_transaction_holding_committed_events_back_is_named_and_the_reader_catches_up_after_its_commit()
            throws Exception {
        var reader = reader();
        try (RawWriter open = writer(); RawWriter committed = writer()) {
            open.insert(first, 1);
            committed.insert(second, 1);
            committed.insert(second, 2);
            committed.commit();

            LogBatch held = heldBackBy(reader, open);

            assertThat(held.isHeldBack()).isTrue();
            assertThat(held.heldBack()).startsWith("transaction " + open.transactionId() + " (pid " + open.pid()
                            + ", idle in transaction, open since ")
                    .contains("holds back 2 committed events of " + tables.events())
                    .contains("idle_in_transaction_session_timeout");
            assertThat(log.countAfter(reader.position())).isGreaterThanOrEqualTo(2);

            open.commit();

            assertThat(reader.readUntil(3)).extracting(event -> event.event().aggregateId() + " " + event.event().sequence())
                    .containsExactly(first + " 1", second + " 1", second + " 2");
            assertThat(log.countAfter(reader.position())).isZero();
        }
    }

    @Test
    void a_rolled_back_append_leaves_a_hole_that_the_reader_does_not_wait_for() throws Exception {
        var reader = reader();
        long hole;
        try (RawWriter rolledBack = writer()) {
            hole = rolledBack.insert(first, 1);
            rolledBack.rollback();
        }
        repository.persist(List.of(new SerializedEvent("account", second, 1, "CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"amount\":1.0,\"balance\":1.0}}", "{}")), null);

        var events = reader.readUntil(1);

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.event().aggregateId()).isEqualTo(second);
            assertThat(event.position().position()).isGreaterThan(hole);
            assertThat(event.event().globalPosition()).isEqualTo(event.position().position());
        });
    }

    @Test
    void logged_events_carry_what_was_stored_and_the_envelopes_read_back_carry_the_same_position() throws Exception {
        repository.persist(List.of(
                new SerializedEvent("account", first, 1, "AccountOpened", "1.0",
                        "{\"AccountOpened\":{\"account_id\":\"" + first + "\"}}", "{\"user\":\"ann\"}"),
                new SerializedEvent("account", first, 2, "CustomerDepositedMoney", "1.0",
                        "{\"CustomerDepositedMoney\":{\"amount\":10.0,\"balance\":10.0}}", "{}")), null);

        List<LoggedEvent> logged = reader().readUntil(2);

        assertThat(logged).extracting(event -> event.event().withGlobalPosition(0))
                .containsExactlyElementsOf(repository.getEvents("account", first).stream()
                        .map(event -> event.withGlobalPosition(0)).toList());
        assertThat(logged).extracting(event -> event.position().position())
                .containsExactlyElementsOf(repository.getEvents("account", first).stream()
                        .map(SerializedEvent::globalPosition).toList());
        assertThat(logged.get(0).position().transaction()).isEqualTo(logged.get(1).position().transaction()).isPositive();
        assertThat(logged).extracting(LoggedEvent::recordedAt).doesNotContainNull();
    }

    @Test
    void a_commit_through_the_repository_wakes_a_waiting_reader() throws Exception {
        EventLog fresh = PostgresCqrs.eventLog(database.dataSource(), tables);
        awaitListening(fresh);
        Thread waiter = waitingThread(fresh);

        repository.persist(List.of(new SerializedEvent("account", first, 1, "CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"amount\":1.0,\"balance\":1.0}}", "{}")), null);

        assertThat(waiter.join(LogReader.PATIENCE)).as("woken by the commit's notification").isTrue();
    }

    @Test
    void a_plain_insert_wakes_a_waiting_reader_through_the_documented_trigger() throws Exception {
        EventTables rust = database.tables("notified_");
        PostgresCqrs.createSchema(database.dataSource(), rust);
        database.execute("CREATE FUNCTION " + database.table("cqrs4j_notify_events") + "() RETURNS trigger"
                + " LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('cqrs4j_events_' || TG_RELID, ''); RETURN NULL; END $$");
        database.execute("CREATE TRIGGER cqrs4j_notify AFTER INSERT ON " + rust.events()
                + " FOR EACH STATEMENT EXECUTE FUNCTION " + database.table("cqrs4j_notify_events") + "()");
        EventLog rustLog = PostgresCqrs.eventLog(database.dataSource(), rust);
        awaitListening(rustLog);
        Thread waiter = waitingThread(rustLog);

        try (RawWriter writer = new RawWriter(database.dataSource(), rust.events())) {
            writer.insert(first, 1);
            writer.commit();
        }

        assertThat(waiter.join(LogReader.PATIENCE)).as("woken by the trigger's notification").isTrue();
    }

    @Test
    void an_events_table_postgres_es_created_is_refused_with_the_way_to_upgrade_it() {
        database.execute("CREATE TABLE " + database.table("legacy_events") + " (aggregate_type text NOT NULL,"
                + " aggregate_id text NOT NULL, sequence bigint NOT NULL, event_type text NOT NULL,"
                + " event_version text NOT NULL, payload json NOT NULL, metadata json NOT NULL,"
                + " PRIMARY KEY (aggregate_type, aggregate_id, sequence))");
        EventLog legacy = PostgresCqrs.eventLog(database.dataSource(), new EventTables(database.table("legacy_events"),
                database.table("legacy_snapshots")));

        assertThatThrownBy(() -> legacy.read(LogPosition.START, 10))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("has no global_position column")
                .hasMessageContaining("upgradeEventTables");
    }

    @Test
    void a_page_size_below_one_is_refused() {
        assertThatThrownBy(() -> log.read(LogPosition.START, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 event, not 0");
    }

    /**
     * Waits until a new log's listener runs: a thread's first wait returns at once (and starts the
     * listener), the second when the listener, having issued LISTEN, wakes every waiter.
     */
    private static void awaitListening(EventLog fresh) throws InterruptedException {
        fresh.awaitNewEvents(Duration.ZERO);
        fresh.awaitNewEvents(LogReader.PATIENCE);
    }

    /**
     * A thread that waits (up to ten minutes) for a notification that arrives after this method
     * returns: its first wait, which returns at once, has happened by then, and its second returns
     * on any notification after the first.
     */
    private static Thread waitingThread(EventLog log) throws InterruptedException {
        var seeded = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                log.awaitNewEvents(Duration.ZERO);
                seeded.countDown();
                log.awaitNewEvents(Duration.ofMinutes(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(seeded.await(LogReader.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return waiter;
    }
}
