// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one timed run measured.
 *
 * @param name what ran, such as {@code postgres framework event-sourced}
 * @param clients concurrent clients
 * @param commands commands completed in the measured window (committed or rejected by the domain)
 * @param seconds the measured window
 * @param p50 median latency, microseconds
 * @param p99 99th percentile, microseconds
 * @param p999 99.9th percentile, microseconds
 * @param max the slowest command, microseconds
 * @param conflicts optimistic-concurrency conflicts that were retried
 * @param rejected commands the domain rejected (funds not available)
 * @param errors failed commands by exception type
 * @param note anything else worth printing (stream length reached)
 * @param cpuMicrosPerCommand this JVM's CPU time (all threads) over the measured window per command, µs
 * @param serverCpuMicrosPerCommand the local database server's CPU time per command, µs (0 in memory)
 */
record RunStats(String name, int clients, long commands, double seconds, double p50, double p99, double p999,
                double max, long conflicts, long rejected, Map<String, Long> errors, String note,
                double cpuMicrosPerCommand, double serverCpuMicrosPerCommand) {

    RunStats {
        errors = new TreeMap<>(errors);
    }

    double perSecond() {
        return commands / seconds;
    }

    RunStats withNote(String text) {
        return new RunStats(name, clients, commands, seconds, p50, p99, p999, max, conflicts, rejected, errors, text,
                cpuMicrosPerCommand, serverCpuMicrosPerCommand);
    }

    String errorsText() {
        if (errors.isEmpty()) {
            return "0";
        }
        var text = new StringBuilder();
        errors.forEach((kind, count) -> text.append(text.isEmpty() ? "" : ", ").append(kind).append(' ').append(count));
        return text.toString();
    }
}
