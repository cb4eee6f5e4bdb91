// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link EventLog} does under concurrent appends (ADR 07): eight writers, half of them
 * appending through the repository and half on a connection of their own that sometimes holds its
 * transaction open after inserting, and a reader paging from its checkpoint that must see every event
 * exactly once, in log order and in per-aggregate order.
 *
 * {@snippet :
 * class SqliteEventLogTest extends EventLogContract {
 *     protected PersistedEventRepository eventRepository() { return SqliteCqrs.eventRepository(dataSource); }
 *     protected EventLog eventLog() { return SqliteCqrs.eventLog(dataSource, tables); }
 *     protected void appendHeldOpen(List<SerializedEvent> events, long holdMillis) { ... }
 * }
 * }
 */
public abstract class EventLogContract {

    private static final int WRITERS = 8;
    private static final int COMMITS_PER_WRITER = 250;
    private static final int EVENTS_PER_COMMIT = 2;
    private static final int AGGREGATES_PER_WRITER = 5;
    private static final String TYPE = "ledger";

    /**
     * The repository the odd writers append through; its events table must start empty for the test
     * and be the one {@link #eventLog()} reads.
     *
     * @return the repository
     */
    protected abstract PersistedEventRepository eventRepository();

    /**
     * The log under test, reading the table {@link #eventRepository()} writes.
     *
     * @return the log
     */
    protected abstract EventLog eventLog();

    /**
     * Appends {@code events} in one transaction on a connection of its own, the way the repository
     * appends them, then holds the transaction open for {@code holdMillis} before committing.
     *
     * @param events the events of one aggregate, in sequence order
     * @param holdMillis how long to wait between the inserts and the commit; 0 to commit at once
     * @throws Exception when the append fails
     */
    protected abstract void appendHeldOpen(List<SerializedEvent> events, long holdMillis) throws Exception;

    /**
     * Describes the stored events whose positions are not in {@code read}, for a failure message that
     * names them; by default none are described and the count check alone reports skipped events.
     *
     * @param read the positions the reader saw
     * @return one line per stored event the reader did not see
     */
    protected List<String> storedEventsNotRead(Set<Long> read) {
        return List.of();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    public void eight_writers_some_holding_their_transaction_open_never_make_a_reader_skip_an_event() throws Exception {
        PersistedEventRepository repository = eventRepository();
        EventLog log = eventLog();
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
                write(id, repository);
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
        assertThat(storedEventsNotRead(read)).as("events the reader skipped").isEmpty();
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
     * through the repository; even ones through {@link #appendHeldOpen}, holding every tenth commit open.
     */
    private void write(int writer, PersistedEventRepository repository) throws Exception {
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
                appendHeldOpen(events, commit % 10 == 0 ? 20 : 0);
            }
        }
    }
}
