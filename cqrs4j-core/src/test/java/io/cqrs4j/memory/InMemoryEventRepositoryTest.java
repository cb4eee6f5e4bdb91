// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InMemoryEventRepositoryTest {

    private final InMemoryEventRepository repository = InMemoryEventRepository.create();

    private static SerializedEvent event(String type, String id, long sequence) {
        return new SerializedEvent(type, id, sequence, "CustomerDepositedMoney", "1.0",
                "{\"CustomerDepositedMoney\":{\"amount\":" + sequence + "}}", "{}");
    }

    private static List<SerializedEvent> events(String id, long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(sequence -> event("account", id, sequence)).toList();
    }

    private static SerializedSnapshot snapshot(String id, long lastSequence, long version) {
        return new SerializedSnapshot("account", id, "{\"balance\":" + lastSequence + "}", lastSequence, version);
    }

    @Test
    void stores_contiguous_events_and_reads_them_back_in_order() {
        repository.persist(events("ACCT-1", 1, 2), null);
        repository.persist(events("ACCT-1", 3, 3), null);

        List<SerializedEvent> stored = repository.getEvents("account", "ACCT-1");

        assertThat(stored).extracting(SerializedEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(stored.getFirst().payload()).isEqualTo("{\"CustomerDepositedMoney\":{\"amount\":1}}");
        assertThat(repository.getEvents("account", "ACCT-2")).isEmpty();
        assertThat(repository.getEvents("other", "ACCT-1")).isEmpty();
    }

    @Test
    void reads_the_events_after_a_sequence() {
        repository.persist(events("ACCT-1", 1, 5), null);

        var tail = repository.getLastEvents("account", "ACCT-1", 3);

        assertThat(tail).extracting(SerializedEvent::sequence).containsExactly(4L, 5L);
        assertThat(repository.getLastEvents("account", "ACCT-1", 5)).isEmpty();
        assertThat(repository.getLastEvents("account", "ACCT-1", 0)).hasSize(5);
    }

    @Test
    void a_taken_sequence_is_a_conflict_that_writes_nothing() {
        repository.persist(events("ACCT-1", 1, 2), null);

        assertThatThrownBy(() -> repository.persist(events("ACCT-1", 2, 4), null))

                .isInstanceOfSatisfying(AggregateConflictException.class, conflict -> {
                    assertThat(conflict.expectedVersion()).isEqualTo(1);
                    assertThat(conflict.actualVersion()).hasValue(2);
                })
                .hasMessage("account ACCT-1: expected version 1 but the store is at 2 (a concurrent command won); retry");
        assertThat(repository.getEvents("account", "ACCT-1")).hasSize(2);
        assertThat(repository.readAll(0, 100)).hasSize(2);
    }

    @Test
    void a_gap_before_the_first_new_sequence_is_a_conflict() {
        repository.persist(events("ACCT-1", 1, 1), null);

        assertThatThrownBy(() -> repository.persist(events("ACCT-1", 3, 3), null))

                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("expected version 2 but the store is at 1");
        assertThat(repository.getEvents("account", "ACCT-1")).hasSize(1);
    }

    @Test
    void rejects_a_commit_that_is_not_contiguous_or_spans_aggregates() {
        var gap = List.of(event("account", "ACCT-1", 1), event("account", "ACCT-1", 3));
        var twoAggregates = List.of(event("account", "ACCT-1", 1), event("account", "ACCT-2", 2));

        assertThatThrownBy(() -> repository.persist(gap, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a commit holds contiguous events of one aggregate; account ACCT-1 sequence 3"
                        + " (CustomerDepositedMoney 1.0) does not follow account ACCT-1");
        assertThatThrownBy(() -> repository.persist(twoAggregates, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("account ACCT-2 sequence 2");
        assertThatThrownBy(() -> repository.persist(List.of(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nothing to persist");
        assertThat(repository.readAll(0, 100)).isEmpty();
    }

    @Test
    void writes_a_snapshot_whose_version_follows_the_stored_one() {
        repository.persist(events("ACCT-1", 1, 2), snapshot("ACCT-1", 2, 1));
        repository.persist(events("ACCT-1", 3, 4), snapshot("ACCT-1", 4, 2));

        var stored = repository.getSnapshot("account", "ACCT-1");

        assertThat(stored).contains(snapshot("ACCT-1", 4, 2));
        assertThat(repository.getSnapshot("account", "ACCT-2")).isEmpty();
    }

    @Test
    void a_snapshot_version_that_does_not_follow_the_stored_one_is_a_conflict_that_writes_nothing() {
        repository.persist(events("ACCT-1", 1, 2), snapshot("ACCT-1", 2, 1));

        assertThatThrownBy(() -> repository.persist(events("ACCT-1", 3, 4), snapshot("ACCT-1", 4, 1)))

                .isInstanceOf(AggregateConflictException.class)
                .hasMessage("account ACCT-1: writing snapshot version 1 needs version 0 stored but the store has 1 (a concurrent command won); retry");
        assertThatThrownBy(() -> repository.persist(events("ACCT-1", 3, 4), snapshot("ACCT-1", 4, 3)))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("writing snapshot version 3 needs version 2 stored but the store has 1");
        assertThat(repository.getEvents("account", "ACCT-1")).hasSize(2);
        assertThat(repository.getSnapshot("account", "ACCT-1")).contains(snapshot("ACCT-1", 2, 1));
    }

    @Test
    void the_first_snapshot_must_have_version_1() {
        assertThatThrownBy(() -> repository.persist(events("ACCT-1", 1, 1), snapshot("ACCT-1", 1, 2)))

                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("writing snapshot version 2 needs version 1 stored but the store has 0");
        assertThat(repository.getEvents("account", "ACCT-1")).isEmpty();
    }

    @Test
    void assigns_global_positions_1_to_n_in_commit_order_across_aggregates() {
        repository.persist(events("ACCT-1", 1, 2), null);
        repository.persist(events("ACCT-2", 1, 1), null);
        repository.persist(events("ACCT-1", 3, 3), null);

        var all = repository.readAll(0, 100);

        assertThat(all).extracting(SerializedEvent::globalPosition).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(e -> e.aggregateId() + "/" + e.sequence())
                .containsExactly("ACCT-1/1", "ACCT-1/2", "ACCT-2/1", "ACCT-1/3");
        assertThat(repository.getEvents("account", "ACCT-1")).extracting(SerializedEvent::globalPosition)
                .containsExactly(1L, 2L, 4L);
    }

    @Test
    void read_all_pages_through_the_global_order() {
        repository.persist(events("ACCT-1", 1, 5), null);

        var first = repository.readAll(0, 2);
        var second = repository.readAll(first.getLast().globalPosition(), 2);
        var last = repository.readAll(4, 10);
        var none = repository.readAll(5, 10);

        assertThat(first).extracting(SerializedEvent::globalPosition).containsExactly(1L, 2L);
        assertThat(second).extracting(SerializedEvent::globalPosition).containsExactly(3L, 4L);
        assertThat(last).extracting(SerializedEvent::globalPosition).containsExactly(5L);
        assertThat(none).isEmpty();
    }

    @Test
    void streams_all_events_of_one_type_only() {
        repository.persist(events("ACCT-1", 1, 1), null);
        repository.persist(List.of(event("user", "U-1", 1)), null);
        repository.persist(events("ACCT-2", 1, 2), null);

        List<SerializedEvent> accounts;
        try (var stream = repository.streamAllEvents("account")) {
            accounts = stream.toList();
        }

        assertThat(accounts).extracting(e -> e.aggregateId() + "/" + e.sequence())
                .containsExactly("ACCT-1/1", "ACCT-2/1", "ACCT-2/2");
        try (var stream = repository.streamEvents("account", "ACCT-2")) {
            assertThat(stream).extracting(SerializedEvent::sequence).containsExactly(1L, 2L);
        }
    }

    @Test
    void concurrent_commits_on_different_aggregates_get_gap_free_global_positions() throws InterruptedException {
        int writers = 4;
        int commits = 250;
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int w = 0; w < writers; w++) {
            String id = "ACCT-" + w;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (long sequence = 1; sequence <= 2L * commits; sequence += 2) {
                    repository.persist(events(id, sequence, sequence + 1), null);
                }
            }));
        }

        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        var all = repository.readAll(0, Integer.MAX_VALUE);
        assertThat(all).extracting(SerializedEvent::globalPosition)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * writers * commits).boxed().toList());
        for (int w = 0; w < writers; w++) {
            String id = "ACCT-" + w;
            assertThat(all.stream().filter(e -> e.aggregateId().equals(id)).map(SerializedEvent::sequence))
                    .as("%s in global order", id)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * commits).boxed().toList());
        }
    }
}
