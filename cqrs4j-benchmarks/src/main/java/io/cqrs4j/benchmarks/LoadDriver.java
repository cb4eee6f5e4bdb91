// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.benchmarks.Comparison.Side;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver: for each comparison of the chosen store, runs the raw baseline and the
 * framework (alternating which goes first), {@code --repeat} times, each on fresh tables, and
 * prints one row per run and the framework/raw ratios with their spread. Its last line is
 * {@code framework/raw ratio: R}, event sourced at 16 clients (the median over the repeats).
 *
 * <pre>
 * java -cp cqrs4j-benchmarks.jar io.cqrs4j.benchmarks.LoadDriver --store postgres --duration 20s
 *     --warmup 5s --clients 16 --accounts 1000 --pool 16 --repeat 2 --out results.md
 * </pre>
 */
public final class LoadDriver {

    private static final int RATIO_CLIENTS = 16;

    private final LoadSpec spec;
    private final int repeat;
    private final Report report;

    private LoadDriver(LoadSpec spec, int repeat, Report report) {
        this.spec = spec;
        this.repeat = repeat;
        this.report = report;
    }

    /**
     * Runs the load driver.
     *
     * @param args the options, see the class comment
     */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        var spec = new LoadSpec(options.integer("clients", RATIO_CLIENTS), options.integer("accounts", 1_000),
                options.duration("warmup", Duration.ofSeconds(5)), options.duration("duration", Duration.ofSeconds(20)));
        var driver = new LoadDriver(spec, options.integer("repeat", 2), new Report(options.out()));
        String store = options.store();
        var modes = List.of(options.text("modes", "all").split(","));
        switch (store) {
            case "memory" -> driver.runAll("memory", only(modes, Phases.memory(spec.accounts())), "in process",
                    spec.clients());
            default -> {
                try (SqlTarget target = SqlTarget.connect(store, options.integer("pool", spec.clients()))) {
                    driver.runAll(store, only(modes, Phases.sql(target, spec.accounts())), target.describe(),
                            spec.clients());
                }
            }
        }
    }

    private static List<Comparison> only(List<String> modes, List<Comparison> comparisons) {
        if (modes.contains("all")) {
            return comparisons;
        }
        List<Comparison> chosen = comparisons.stream().filter(c -> modes.contains(c.key())).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("--modes " + String.join(",", modes) + " matches none of "
                    + comparisons.stream().map(Comparison::key).toList());
        }
        return chosen;
    }

    private void runAll(String store, List<Comparison> comparisons, String storeText, int clients) {
        report.write(List.of("", "### Load: " + store + ", " + spec.clients() + " clients, " + spec.accounts()
                + " accounts, " + spec.warmup().toSeconds() + " s warm-up + " + spec.duration().toSeconds()
                + " s measured, " + repeat + " repeats", "", "Machine: " + machine() + ". Store: " + storeText + ".", ""));
        Map<Comparison, List<RunStats[]>> results = run(store, comparisons, spec);
        printRuns(results);
        printRatios(results);
        Comparison eventSourced = comparisons.getFirst();
        List<RunStats[]> pairs = results.get(eventSourced);
        if (clients != RATIO_CLIENTS) {
            pairs = run(store, List.of(eventSourced), spec.withClients(RATIO_CLIENTS)).get(eventSourced);
        }
        Report.stdout("framework/raw ratio: " + Report.ratio(median(throughputRatios(pairs))));
    }

    /** Runs each comparison {@code repeat} times; each entry is {framework, raw}. */
    private Map<Comparison, List<RunStats[]>> run(String store, List<Comparison> comparisons, LoadSpec load) {
        var results = new LinkedHashMap<Comparison, List<RunStats[]>>();
        for (int round = 1; round <= repeat; round++) {
            for (Comparison comparison : comparisons) {
                var pair = new RunStats[2];
                List<Side> order = round % 2 == 1 ? List.of(Side.RAW, Side.FRAMEWORK) : List.of(Side.FRAMEWORK, Side.RAW);
                for (Side side : order) {
                    String name = store + " " + (side == Side.RAW ? "raw" : "framework") + " " + comparison.label();
                    Workload workload = (side == Side.RAW ? comparison.raw() : comparison.framework()).get();
                    System.gc();
                    Report.progress("round " + round + ": " + name + ", " + load.clients() + " clients ...");
                    RunStats stats = LoadRun.run(name, workload, load);
                    Report.progress(String.format(java.util.Locale.ROOT, "  %.0f commands/s, p99 %.0f us, %s",
                            stats.perSecond(), stats.p99(), stats.note()));
                    pair[side == Side.FRAMEWORK ? 0 : 1] = stats;
                }
                results.computeIfAbsent(comparison, c -> new ArrayList<>()).add(pair);
            }
        }
        return results;
    }

    private void printRuns(Map<Comparison, List<RunStats[]>> results) {
        var lines = new ArrayList<String>();
        lines.add(Report.row("run", "round", "clients", "commands/s", "p50 µs", "p99 µs", "p99.9 µs", "max µs",
                "JVM CPU µs/command", "DB CPU µs/command", "conflicts (retried)", "rejected", "errors", "note"));
        lines.add(Report.separator(14));
        results.values().forEach(pairs -> {
            for (int round = 0; round < pairs.size(); round++) {
                for (RunStats stats : pairs.get(round)) {
                    lines.add(Report.row(stats.name(), round + 1, stats.clients(), Report.number(stats.perSecond()),
                            Report.number(stats.p50()), Report.number(stats.p99()), Report.number(stats.p999()),
                            Report.number(stats.max()), Report.number(stats.cpuMicrosPerCommand()),
                            Report.number(stats.serverCpuMicrosPerCommand()), stats.conflicts(), stats.rejected(), stats.errorsText(),
                            stats.note()));
                }
            }
        });
        lines.add("");
        report.write(lines);
    }

    private void printRatios(Map<Comparison, List<RunStats[]>> results) {
        var lines = new ArrayList<String>();
        lines.add(Report.row("comparison", "framework/raw throughput (median, range)", "framework/raw p99 (median, range)",
                "framework commands/s (median)", "JVM CPU µs/command framework vs raw (median)",
                "DB CPU µs/command framework vs raw (median)", "target", "met"));
        lines.add(Report.separator(8));
        results.forEach((comparison, pairs) -> {
            double[] throughput = throughputRatios(pairs);
            double[] p99 = pairs.stream().mapToDouble(pair -> pair[0].p99() / pair[1].p99()).toArray();
            double perSecond = median(pairs.stream().mapToDouble(pair -> pair[0].perSecond()).toArray());
            double cpuFramework = median(pairs.stream().mapToDouble(pair -> pair[0].cpuMicrosPerCommand()).toArray());
            double cpuRaw = median(pairs.stream().mapToDouble(pair -> pair[1].cpuMicrosPerCommand()).toArray());
            lines.add(Report.row(comparison.label(), spread(throughput), spread(p99), Report.number(perSecond),
                    Report.number(cpuFramework) + " vs " + Report.number(cpuRaw),
                    Report.number(median(pairs.stream().mapToDouble(pair -> pair[0].serverCpuMicrosPerCommand()).toArray()))
                            + " vs " + Report.number(median(pairs.stream()
                            .mapToDouble(pair -> pair[1].serverCpuMicrosPerCommand()).toArray())),
                    target(comparison), met(comparison, median(throughput), median(p99), perSecond)));
        });
        lines.add("");
        report.write(lines);
    }

    private static double[] throughputRatios(List<RunStats[]> pairs) {
        return pairs.stream().mapToDouble(pair -> pair[0].perSecond() / pair[1].perSecond()).toArray();
    }

    private static String spread(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return Report.ratio(median(values)) + " (" + Report.ratio(sorted[0]) + "–" + Report.ratio(sorted[sorted.length - 1]) + ")";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String target(Comparison comparison) {
        var parts = new ArrayList<String>();
        if (comparison.throughputTarget() > 0) {
            parts.add("throughput ≥ " + comparison.throughputTarget() + " × raw");
        }
        if (comparison.p99Target() > 0) {
            parts.add("p99 ≤ " + comparison.p99Target() + " × raw");
        }
        if (comparison.perSecondTarget() > 0) {
            parts.add("≥ " + Report.number(comparison.perSecondTarget()) + " commands/s");
        }
        return parts.isEmpty() ? "—" : String.join(", ", parts);
    }

    private static String met(Comparison comparison, double throughput, double p99, double perSecond) {
        if (comparison.throughputTarget() == 0 && comparison.p99Target() == 0 && comparison.perSecondTarget() == 0) {
            return "—";
        }
        boolean met = (comparison.throughputTarget() == 0 || throughput >= comparison.throughputTarget())
                && (comparison.p99Target() == 0 || p99 <= comparison.p99Target())
                && (comparison.perSecondTarget() == 0 || perSecond >= comparison.perSecondTarget());
        return met ? "yes" : "**no**";
    }

    static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Runtime.getRuntime().availableProcessors() + " cores, " + os.getTotalMemorySize() / (1L << 30)
                + " GiB memory, Java " + Runtime.version() + ", heap max " + Runtime.getRuntime().maxMemory() / (1L << 20)
                + " MiB";
    }
}
