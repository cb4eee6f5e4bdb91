// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.projection.ProjectionStatus.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProjectionStatusTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String REASON = "transaction 8812 open since 2026-01-01T00:00:00Z holds back 2 committed events";

    private final Ledgers ledgers = new Ledgers();
    private final ScriptedEventLog log = new ScriptedEventLog();
    private final Recorder recorder = new Recorder();

    @AfterEach
    void close() {
        ledgers.close();
    }

    private ProjectionRunner.Builder<Ledger.Posted> runner() {
        return ledgers.runner("ledger", recorder).eventLog(log);
    }

    @Test
    void lag_in_time_is_how_long_the_oldest_unprocessed_event_has_waited() {
        log.append("L-1", 1, T0);
        log.append("L-1", 2, T0.plusSeconds(3));
        var runner = runner().clock(new MutableClock(T0.plusSeconds(5))).build();

        var status = runner.status();

        assertThat(status.lagEvents()).isEqualTo(2);
        assertThat(status.lagTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(status.owner()).isNotBlank();
        assertThat(status.name()).isEqualTo("ledger");
    }

    @Test
    void a_held_back_reader_says_why_in_its_status_and_warns_once_not_per_poll() throws Exception {
        log.append("L-1", 1, T0);
        log.append("L-1", 2, T0);
        log.append("L-1", 3, T0);
        log.visible = 1;
        log.heldBack = REASON;
        try (var lines = new LogLines()) {
            var runner = ledgers.start(runner());
            assertThat(runner.awaitCheckpoint(LogPosition.of(1), Duration.ofSeconds(20))).isTrue();
            int readsSoFar = log.reads.get();
            Await.until("the runner polls ten more times", () -> log.reads.get() > readsSoFar + 10);

            var held = runner.status();
            log.visible = Integer.MAX_VALUE;
            assertThat(runner.awaitCheckpoint(LogPosition.of(3), Duration.ofSeconds(20))).isTrue();
            Await.until("the hold is lifted", () -> runner.status().heldBack().isEmpty());

            assertThat(held.state()).isEqualTo(State.RUNNING);
            assertThat(held.heldBack()).isEqualTo(REASON);
            assertThat(held.checkpoint()).isEqualTo(LogPosition.of(1));
            assertThat(held.lagEvents()).isEqualTo(2);
            assertThat(lines.at("WARNING")).singleElement().asString()
                    .contains("projection ledger: reading is held back after position 1: " + REASON);
            assertThat(lines.at("INFO")).contains("INFO projection ledger: reading is no longer held back");
            assertThat(recorder.sequences("L-1")).containsExactly(1L, 2L, 3L);
        }
    }
}
