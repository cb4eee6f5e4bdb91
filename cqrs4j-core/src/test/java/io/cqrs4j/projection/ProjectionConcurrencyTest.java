// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int COMMANDS_PER_WRITER = 250;
    private static final int LEDGERS = 40;

    private final Ledgers ledgers = new Ledgers();

    @AfterEach
    void close() {
        ledgers.close();
    }

    @Test
    void with_eight_concurrent_writers_every_event_is_seen_exactly_once_in_per_aggregate_order()
            throws InterruptedException {
        var live = new Recorder();
        var following = ledgers.start(ledgers.runner("live", live).batchSize(50));
        var versions = new ConcurrentHashMap<String, Long>();
        var posted = new AtomicLong();

        var writers = new ArrayList<Thread>();
        for (int w = 0; w < WRITERS; w++) {
            long seed = w;
            writers.add(Thread.ofVirtual().start(() -> write(new Random(seed), versions, posted)));
        }
        for (Thread writer : writers) {
            writer.join();
        }
        var replayed = new Recorder();
        var later = ledgers.start(ledgers.runner("later", replayed));

        ledgers.awaitCaughtUp(following);
        ledgers.awaitCaughtUp(later);
        assertThat(posted.get()).isGreaterThan(WRITERS * COMMANDS_PER_WRITER);
        for (Recorder recorder : List.of(live, replayed)) {
            assertThat(recorder.violations()).isEmpty();
            assertThat(recorder.applied()).isEqualTo(posted.get());
            versions.forEach((id, version) -> assertThat(recorder.sequences(id)).as(id)
                    .isEqualTo(LongStream.rangeClosed(1, version).boxed().toList()));
        }
    }

    private void write(Random random, ConcurrentHashMap<String, Long> versions, AtomicLong posted) {
        for (int i = 0; i < COMMANDS_PER_WRITER; i++) {
            String id = "L-" + random.nextInt(LEDGERS);
            Long[] amounts = new Long[1 + random.nextInt(3)];
            Arrays.fill(amounts, 1L);
            var result = ledgers.post(id, amounts);
            posted.addAndGet(amounts.length);
            versions.merge(id, result.version(), Math::max);
        }
    }
}
