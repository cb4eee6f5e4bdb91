// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.QueryReplay;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Replays a million stored events into a query with a small heap: seeds the events table with
 * {@code COPY} (streamed, a chunk at a time), then runs {@link QueryReplay#replayAll()} through
 * cqrs4j-postgres and reports the time, the rate and the peak heap. run.sh starts it with
 * {@code -Xmx128m}; a replay that held the events in memory would fail with an OutOfMemoryError.
 *
 * <pre>
 * java -Xmx128m -cp cqrs4j-benchmarks.jar io.cqrs4j.benchmarks.ReplayMemory --events 1000000 --out results.md
 * </pre>
 */
public final class ReplayMemory {

    private static final EventTables TABLES = EventTables.withPrefix("bench_replay_");
    private static final int EVENTS_PER_ACCOUNT = 100;

    private ReplayMemory() {
    }

    /**
     * Seeds and replays.
     *
     * @param args {@code --events N}, {@code --out FILE}
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int events = options.integer("events", 1_000_000);
        try (SqlTarget target = PostgresTarget.connect(2)) {
            target.freshTables(TABLES);
            long seedStart = System.nanoTime();
            copyEvents(target, events);
            target.analyze(TABLES);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            Report.progress(String.format(Locale.ROOT, "seeded %,d events with COPY in %.1f s", events, seedSeconds));
            resetPeaks();
            var query = new CountingQuery();
            long start = System.nanoTime();
            long replayed = QueryReplay.of(target.repository(TABLES), Seeder.SERIALIZER, query).replayAll();
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean complete = replayed == events && query.events == events;
            new Report(options.out()).write(List.of("", "### Replay of " + String.format(Locale.ROOT, "%,d", events)
                    + " events (QueryReplay.replayAll on PostgreSQL)", "",
                    Report.row("events replayed", "seconds", "events/s", "max heap", "peak heap used", "deposits summed",
                            "complete"),
                    Report.separator(7),
                    Report.row(String.format(Locale.ROOT, "%,d", replayed), Report.number(seconds),
                            Report.number(replayed / seconds), Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB",
                            peakHeapMiB() + " MiB", query.deposited.toPlainString(), complete ? "yes" : "**no**"),
                    ""));
            if (!complete) {
                throw new IllegalStateException("the replay dispatched " + query.events + " events; expected " + events);
            }
        }
    }

    /** Streams the rows into {@code COPY}, ten thousand at a time, so seeding fits the small heap too. */
    private static void copyEvents(SqlTarget target, int events) throws SQLException, IOException {
        try (Connection connection = target.pool().getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + TABLES.events()
                    + " (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata) FROM STDIN");
            try {
                var chunk = new StringBuilder();
                int written = 0;
                for (int account = 0; written < events; account++) {
                    String id = String.format(Locale.ROOT, "REPLAY-%07d", account);
                    int count = Math.min(EVENTS_PER_ACCOUNT, events - written);
                    for (var event : Seeder.history(id, 1, count)) {
                        chunk.append(event.aggregateType()).append('\t').append(id).append('\t').append(event.sequence())
                                .append('\t').append(event.eventType()).append('\t').append(event.eventVersion())
                                .append('\t').append(event.payload()).append('\t').append(event.metadata()).append('\n');
                    }
                    written += count;
                    if (chunk.length() > 1 << 20 || written == events) {
                        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        chunk.setLength(0);
                    }
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1 << 20);
    }

    /** Counts the events it receives and sums the deposits, so every payload is really decoded. */
    private static final class CountingQuery implements Query<BankAccountEvent> {
        long events;
        BigDecimal deposited = BigDecimal.ZERO;

        @Override
        public void dispatch(String aggregateId, List<EventEnvelope<BankAccountEvent>> batch) {
            for (EventEnvelope<BankAccountEvent> envelope : batch) {
                events++;
                if (envelope.payload() instanceof CustomerDepositedMoney deposit) {
                    deposited = deposited.add(deposit.amount());
                }
            }
        }
    }
}
