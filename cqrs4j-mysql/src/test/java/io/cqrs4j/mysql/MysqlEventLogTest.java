// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sequencer-row order on real MariaDB (ADR 07): concurrent appenders, some holding their
 * transaction open after inserting, and a reader paging from its checkpoint that must see every
 * event exactly once, in per-aggregate order; and the upgrade of a mysql-es table.
 */
class MysqlEventLogTest {

    private static final int WRITERS = 8;
    private static final int COMMITS_PER_WRITER = 250;
    private static final int EVENTS_PER_COMMIT = 2;
    private static final int AGGREGATES_PER_WRITER = 5;
    private static final String TYPE = "ledger";

    private static TestMariaDb database;

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.withEventTables();
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void eight_writers_some_holding_their_transaction_open_never_make_a_reader_skip_an_event() throws Exception {
        EventTables tables = database.tables();
        PersistedEventRepository repository = database.eventRepository();
        EventLog log = MysqlCqrs.eventLog(database.dataSource(), tables);
        var writing = new AtomicBoolean(true);
        var seen = new ArrayList<LoggedEvent>();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);

        Future<?> reader = threads.submit(() -> {
            LogPosition after = LogPosition.START;
            boolean last = false;
            while (!last) {
                last = !writing.get();
                LogBatch batch;
                do {
                    batch = log.read(after, 100);
                    seen.addAll(batch.events());
                    if (!batch.events().isEmpty()) {
                        after = batch.events().getLast().position();
                    }
                } while (batch.events().size() == 100);
            }
            return null;
        });
        var writers = new ArrayList<Future<?>>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int id = writer;
            writers.add(threads.submit(() -> {
                write(id, repository, tables);
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        writing.set(false);
        reader.get();
        threads.shutdown();

        int total = WRITERS * COMMITS_PER_WRITER * EVENTS_PER_COMMIT;
        var read = new HashSet<Long>();
        seen.forEach(logged -> read.add(logged.position().position()));
        List<String> skipped = database.query("SELECT global_position AS p, aggregate_id AS id, sequence AS s FROM "
                + tables.events() + " ORDER BY global_position").stream()
                .filter(row -> !read.contains(((Number) row.get("p")).longValue())).map(Object::toString).toList();
        assertThat(skipped).as("events the reader skipped").isEmpty();
        assertThat(seen).as("every event, each once").hasSize(total);
        assertThat(seen).extracting(LoggedEvent::position).isSortedAccordingTo(LogPosition::compareTo)
                .doesNotHaveDuplicates();
        var lastSequence = new HashMap<String, Long>();
        for (LoggedEvent logged : seen) {
            SerializedEvent event = logged.event();
            long previous = lastSequence.getOrDefault(event.aggregateId(), 0L);
            assertThat(event.sequence()).as("the next event of %s", event.aggregateId()).isEqualTo(previous + 1);
            assertThat(event.globalPosition()).isEqualTo(logged.position().position());
            lastSequence.put(event.aggregateId(), event.sequence());
        }
        assertThat(lastSequence).hasSize(WRITERS * AGGREGATES_PER_WRITER)
                .allSatisfy((aggregate, sequence) -> assertThat(sequence)
                        .isEqualTo((long) COMMITS_PER_WRITER / AGGREGATES_PER_WRITER * EVENTS_PER_COMMIT));
    }

    /**
     * Appends two events per commit to this writer's aggregates, in turn. Odd writers append
     * through the repository; even ones append as it does (the sequencer row, then the inserts) on
     * a connection of their own and, every tenth commit, sleep before committing.
     */
    private static void write(int writer, PersistedEventRepository repository, EventTables tables) throws Exception {
        var sequences = new long[AGGREGATES_PER_WRITER];
        for (int commit = 0; commit < COMMITS_PER_WRITER; commit++) {
            int aggregate = commit % AGGREGATES_PER_WRITER;
            String id = "w" + writer + "-a" + aggregate;
            var events = new ArrayList<SerializedEvent>();
            for (int event = 0; event < EVENTS_PER_COMMIT; event++) {
                long sequence = ++sequences[aggregate];
                events.add(new SerializedEvent(TYPE, id, sequence, "Noted", "1.0", "{\"Noted\":{\"n\":" + sequence + "}}", "{}"));
            }
            if (writer % 2 == 1) {
                repository.persist(events, null);
            } else {
                appendHeldOpen(tables, events, commit % 10 == 0 ? 20 : 0);
            }
        }
    }

    private static void appendHeldOpen(EventTables tables, List<SerializedEvent> events, long holdMillis)
            throws SQLException, InterruptedException {
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            MysqlGlobalOrder.INSTANCE.beforeAppend(connection, tables.events());
            try (PreparedStatement insert = connection.prepareStatement(
                    MysqlDialect.MYSQL_OR_MARIADB.insertEvent(tables.events()))) {
                for (SerializedEvent event : events) {
                    insert.setString(1, event.aggregateType());
                    insert.setString(2, event.aggregateId());
                    insert.setLong(3, event.sequence());
                    insert.setString(4, event.eventType());
                    insert.setString(5, event.eventVersion());
                    insert.setString(6, event.payload());
                    insert.setString(7, event.metadata());
                    insert.executeUpdate();
                }
            }
            Thread.sleep(holdMillis);
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    @Test
    void a_mysql_es_table_upgraded_twice_keeps_each_aggregate_in_order_and_numbers_the_rows_mysql_es_adds_later() {
        EventTables rust = database.tables("rust_");
        database.execute("CREATE TABLE " + rust.events() + " (aggregate_type varchar(255) NOT NULL,"
                + " aggregate_id varchar(255) NOT NULL, sequence bigint NOT NULL CHECK (sequence >= 0),"
                + " event_type text NOT NULL, event_version text NOT NULL, payload json NOT NULL, metadata json NOT NULL,"
                + " CONSTRAINT events_pk PRIMARY KEY (aggregate_type, aggregate_id, sequence))");
        for (String id : List.of("b", "a")) {
            for (int sequence = 1; sequence <= 3; sequence++) {
                rustInsert(rust, id, sequence);
            }
        }

        MysqlCqrs.upgradeSchema(database.dataSource(), rust);
        MysqlCqrs.upgradeSchema(database.dataSource(), rust);
        rustInsert(rust, "c", 1);
        List<LoggedEvent> read = MysqlCqrs.eventLog(database.dataSource(), rust).read(LogPosition.START, 100).events();

        assertThat(read).extracting(logged -> logged.event().aggregateId() + "/" + logged.event().sequence())
                .containsExactly("a/1", "a/2", "a/3", "b/1", "b/2", "b/3", "c/1");
        assertThat(read).extracting(logged -> logged.position().position()).isSorted().doesNotHaveDuplicates();
        assertThat(database.count("SELECT appends FROM " + rust.events() + "_sequencer WHERE id = 1")).isZero();
        Map<String, Object> sequencer = database.query("SELECT COUNT(*) AS n FROM " + rust.events() + "_sequencer").getFirst();
        assertThat(((Number) sequencer.get("n")).longValue()).isEqualTo(1);
    }

    private static void rustInsert(EventTables tables, String id, int sequence) {
        database.execute("INSERT INTO " + tables.events() + " (aggregate_type, aggregate_id, sequence, event_type,"
                + " event_version, payload, metadata) VALUES (?, ?, ?, 'Noted', '1.0', '{}', '{}')", TYPE, id, sequence);
    }
}
