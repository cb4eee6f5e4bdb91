// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.time.Duration;

/**
 * The shape of a load run: C clients on A accounts, a warm-up, then a measured window.
 *
 * @param clients concurrent clients, one virtual thread each
 * @param accounts accounts the clients pick from at random
 * @param warmup time run but not measured
 * @param duration the measured window
 */
record LoadSpec(int clients, int accounts, Duration warmup, Duration duration) {

    LoadSpec withClients(int count) {
        return new LoadSpec(count, accounts, warmup, duration);
    }

    /** The id of account {@code index}. */
    static String accountId(int index) {
        return "ACCT-" + index;
    }
}
