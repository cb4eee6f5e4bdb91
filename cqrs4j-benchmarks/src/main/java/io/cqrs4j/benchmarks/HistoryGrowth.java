// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.EventStore;
import io.cqrs4j.benchmarks.RawJdbcWorkload.Shape;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the cost of one command grows with the aggregate's history: one aggregate is seeded with
 * 10 … 100,000 events (written straight into the store, many rows per statement), then one client
 * runs up to 20 deposits on it; the median time per command is reported per mode and history length.
 *
 * <pre>
 * java -cp cqrs4j-benchmarks.jar io.cqrs4j.benchmarks.HistoryGrowth --store postgres --max-events 100000 --out results.md
 * </pre>
 * {@code --store memory} runs on the in-memory repository only; postgres, mysql or sqlite runs both.
 */
public final class HistoryGrowth {

    private static final String ID = "HIST-1";
    private static final BankAccountCommand DEPOSIT = new DepositMoney(BigDecimal.ONE);
    private static final EventTables TABLES = EventTables.withPrefix("bench_history_");
    private static final long BUDGET_NANOS = 1_500_000_000L;
    private static final int COMMANDS_PER_TRIAL = 20;
    private static final List<Shape> MODES = List.of(Shape.EVENT_SOURCED, Shape.SNAPSHOT_EVERY_100, Shape.AGGREGATE_STORE);

    private HistoryGrowth() {
    }

    /**
     * Runs the history-growth benchmark.
     *
     * @param args {@code --store memory|postgres|mysql|sqlite}, {@code --max-events N}, {@code --out FILE}
     */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        int maxEvents = options.integer("max-events", 100_000);
        var lengths = new ArrayList<Integer>();
        for (int n = 10; n <= maxEvents; n *= 10) {
            lengths.add(n);
        }
        var report = new Report(options.out());
        var lines = new ArrayList<String>(List.of("", "### History growth: median time of one command (µs) on an"
                + " aggregate with N events, one client", ""));
        lines.add(header(lengths));
        lines.add(Report.separator(lengths.size() + 3));
        lines.addAll(runStore("memory", null, lengths));
        String store = options.store();
        if (!store.equals("memory")) {
            try (SqlTarget target = SqlTarget.connect(store, 2)) {
                lines.addAll(runStore(store, target, lengths));
            }
        }
        lines.add("");
        report.write(lines);
    }

    private static String header(List<Integer> lengths) {
        var cells = new ArrayList<Object>(List.of("store", "mode"));
        lengths.forEach(n -> cells.add(String.format(Locale.ROOT, "N = %,d", n)));
        cells.add("largest / 10 (target ≤ 2 with snapshots)");
        return Report.row(cells.toArray());
    }

    private static List<String> runStore(String store, SqlTarget target, List<Integer> lengths) {
        warmUp(target);
        var rows = new ArrayList<String>();
        for (Shape mode : MODES) {
            var cells = new ArrayList<Object>(List.of(store, label(mode)));
            double first = 0;
            double last = 0;
            for (int n : lengths) {
                double micros = timeOneCommand(target, mode, n);
                Report.progress(store + " " + label(mode) + " N=" + n + ": " + Report.number(micros) + " µs");
                first = first == 0 ? micros : first;
                last = micros;
                cells.add(Report.number(micros));
            }
            cells.add(Report.ratio(last / first));
            rows.add(Report.row(cells.toArray()));
        }
        return rows;
    }

    private static void warmUp(SqlTarget target) {
        long until = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < until) {
            for (Shape mode : MODES) {
                timeOneCommand(target, mode, 100);
            }
        }
    }

    /**
     * The median time of a deposit on an aggregate seeded with {@code events} events: a few trials
     * (one for long histories), each on a freshly seeded aggregate and at most
     * {@value #COMMANDS_PER_TRIAL} commands long, so the history grows little while it is measured.
     */
    private static double timeOneCommand(SqlTarget target, Shape mode, int events) {
        int trials = events <= 1_000 ? 5 : 1;
        long[] times = new long[trials * COMMANDS_PER_TRIAL];
        int count = 0;
        for (int trial = 0; trial < trials; trial++) {
            var workload = FrameworkWorkload.over(store(seed(target, mode, events), mode), 0, () -> "");
            workload.execute(ID, DEPOSIT);
            long deadline = System.nanoTime() + BUDGET_NANOS;
            for (int i = 0; i < COMMANDS_PER_TRIAL && (i < 5 || System.nanoTime() < deadline); i++) {
                long start = System.nanoTime();
                workload.execute(ID, DEPOSIT);
                times[count++] = System.nanoTime() - start;
            }
        }
        long[] measured = Arrays.copyOf(times, count);
        Arrays.sort(measured);
        return measured[count / 2] / 1_000.0;
    }

    private static EventStore<BankAccount, BankAccountEvent> store(PersistedEventRepository repository, Shape mode) {
        return switch (mode) {
            case EVENT_SOURCED, SINGLE_INSERT -> PersistedEventStore.eventSourced(repository, Seeder.SERIALIZER);
            case SNAPSHOT_EVERY_100 -> PersistedEventStore.snapshotting(repository, Seeder.SERIALIZER, 100);
            case AGGREGATE_STORE -> PersistedEventStore.aggregateStore(repository, Seeder.SERIALIZER);
        };
    }

    /** A repository holding one aggregate with {@code events} events and the snapshot the mode keeps. */
    private static PersistedEventRepository seed(SqlTarget target, Shape mode, int events) {
        List<SerializedEvent> history = Seeder.history(ID, 1, events);
        long snapshotAt = switch (mode) {
            case EVENT_SOURCED, SINGLE_INSERT -> 0;
            case SNAPSHOT_EVERY_100 -> events / 100 * 100;
            case AGGREGATE_STORE -> events;
        };
        SerializedSnapshot snapshot = snapshotAt == 0 ? null : Seeder.snapshot(ID, snapshotAt, 1);
        if (target == null) {
            var repository = InMemoryEventRepository.create();
            repository.persist(history, snapshot);
            return repository;
        }
        target.freshTables(TABLES);
        Seeder.insertEvents(target, TABLES, history);
        if (snapshot != null) {
            Seeder.insertSnapshots(target, TABLES, List.of(snapshot));
        }
        target.analyze(TABLES);
        return target.repository(TABLES);
    }

    private static String label(Shape mode) {
        return switch (mode) {
            case EVENT_SOURCED, SINGLE_INSERT -> "event sourced";
            case SNAPSHOT_EVERY_100 -> "snapshot every 100";
            case AGGREGATE_STORE -> "aggregate store";
        };
    }
}
