// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentiles_come_from_all_clients_recordings_merged() {
        var first = new Latencies();
        var second = new Latencies();
        for (int micros = 1; micros <= 1_000; micros++) {
            (micros % 2 == 0 ? first : second).record(micros * 1_000L);
        }

        Latencies.Sorted sorted = Latencies.merge(List.of(first, second));

        assertThat(sorted.micros(0.5)).isEqualTo(500.0);
        assertThat(sorted.micros(0.99)).isEqualTo(990.0);
        assertThat(sorted.micros(0.999)).isEqualTo(999.0);
        assertThat(sorted.micros(1.0)).isEqualTo(1_000.0);
    }

    @Test
    void no_recordings_give_zero() {
        Latencies.Sorted sorted = Latencies.merge(List.of(new Latencies()));

        assertThat(sorted.micros(0.99)).isZero();
    }
}
