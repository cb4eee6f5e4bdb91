// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.projection.LogBatch;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.LoggedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryEventLogTest {

    private final InMemoryEventRepository repository = InMemoryEventRepository.create();

    private void append(String type, String id, long sequence) {
        repository.persist(List.of(new SerializedEvent(type, id, sequence, "Posted", "1.0", "{}", "{}")), null);
    }

    @Test
    void reads_every_aggregate_type_in_commit_order_after_a_position() {
        append("ledger", "L-1", 1);
        append("invoice", "I-1", 1);
        append("ledger", "L-1", 2);

        LogBatch batch = repository.read(LogPosition.of(1), 10);

        assertThat(batch.isHeldBack()).isFalse();
        assertThat(batch.events()).extracting(LoggedEvent::position).containsExactly(LogPosition.of(2), LogPosition.of(3));
        assertThat(batch.events()).extracting(event -> event.event().describe())
                .containsExactly("invoice I-1 sequence 1 (Posted 1.0)", "ledger L-1 sequence 2 (Posted 1.0)");
        assertThat(batch.events()).extracting(event -> event.event().globalPosition()).containsExactly(2L, 3L);
    }

    @Test
    void reads_at_most_the_limit_and_nothing_after_the_end() {
        for (long sequence = 1; sequence <= 5; sequence++) {
            append("ledger", "L-1", sequence);
        }

        var first = repository.read(LogPosition.START, 2);
        var past = repository.read(LogPosition.of(5), 2);

        assertThat(first.events()).extracting(LoggedEvent::position).containsExactly(LogPosition.of(1), LogPosition.of(2));
        assertThat(past.events()).isEmpty();
    }

    @Test
    void records_when_each_event_was_appended() {
        Instant before = Instant.now();

        append("ledger", "L-1", 1);

        Instant recorded = repository.read(LogPosition.START, 1).events().getFirst().recordedAt();
        assertThat(recorded).isBetween(before, Instant.now());
    }

    @Test
    void counts_the_events_after_a_position() {
        append("ledger", "L-1", 1);
        append("ledger", "L-1", 2);
        append("ledger", "L-2", 1);

        assertThat(repository.countAfter(LogPosition.START)).isEqualTo(3);
        assertThat(repository.countAfter(LogPosition.of(2))).isEqualTo(1);
        assertThat(repository.countAfter(LogPosition.of(9))).isZero();
    }

    @Test
    void a_waiter_for_new_events_wakes_when_one_is_appended() throws InterruptedException {
        var waiter = Thread.ofVirtual().start(() -> {
            try {
                repository.awaitNewEvents(Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }

        append("ledger", "L-1", 1);

        assertThat(waiter.join(Duration.ofSeconds(20))).as("the waiter woke before its five minutes").isTrue();
    }
}
