// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Every latency of a run, in nanoseconds: one recorder per client (no sharing while recording),
 * merged and sorted once at the end. Exact percentiles, no histogram buckets.
 */
final class Latencies {

    private long[] values = new long[1 << 14];
    private int size;

    void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** The sorted union of {@code recorders}. */
    static Sorted merge(List<Latencies> recorders) {
        int total = recorders.stream().mapToInt(Latencies::size).sum();
        long[] all = new long[total];
        int at = 0;
        for (Latencies each : recorders) {
            System.arraycopy(each.values, 0, all, at, each.size);
            at += each.size;
        }
        Arrays.sort(all);
        return new Sorted(all);
    }

    /** Sorted latencies. */
    record Sorted(long[] values) {

        /** The latency at quantile {@code q} (0 &lt; q &le; 1), in microseconds; 0 when there are none. */
        double micros(double q) {
            if (values.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(q * values.length) - 1;
            return values[Math.max(0, Math.min(values.length - 1, index))] / 1_000.0;
        }
    }
}
