// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.util.function.Supplier;

/**
 * A framework configuration and the raw baseline it is held against, each built fresh (new tables
 * or a new in-memory store, accounts opened) right before it runs.
 *
 * @param key a short name for {@code --modes}: es, es-cache, snapshot, aggregate
 * @param label what is compared, such as {@code event sourced}
 * @param framework builds the framework's workload
 * @param raw builds the baseline's workload
 * @param throughputTarget the least framework/raw throughput ratio the issue asks for, 0 for none
 * @param p99Target the most framework/raw p99 ratio the issue asks for, 0 for none
 * @param perSecondTarget the least framework commands/s the issue asks for, 0 for none
 */
record Comparison(String key, String label, Supplier<Workload> framework, Supplier<Workload> raw, double throughputTarget,
                  double p99Target, double perSecondTarget) {

    /** Which side of the comparison a run is. */
    enum Side { FRAMEWORK, RAW }
}
