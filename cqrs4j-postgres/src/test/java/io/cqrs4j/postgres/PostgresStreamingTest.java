// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.UnexpectedException;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresStreamingTest {

    private static TestDatabase database;
    private static PersistedEventRepository repository;

    @BeforeAll
    static void create_the_tables_and_events() {
        database = TestDatabase.forClass(PostgresStreamingTest.class);
        EventTables tables = database.tables("");
        PostgresCqrs.createSchema(database.dataSource(), tables);
        repository = PostgresCqrs.eventRepository(database.dataSource(), tables);
        append("account", "big", 1_234);
        for (String id : List.of("b", "a", "c", "")) {
            append("account", id, 3);
        }
        append("customer", "a", 7);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    private static void append(String type, String id, long count) {
        for (long from = 1; from <= count; from += 400) {
            long to = Math.min(count, from + 399);
            repository.persist(LongStream.rangeClosed(from, to).mapToObj(sequence -> new SerializedEvent(type, id,
                    sequence, "Counted", "1.0", "{\"Counted\":{\"n\":" + sequence + "}}", "{}")).toList(), null);
        }
    }

    @Test
    void streams_one_aggregate_across_pages_in_sequence_order() {
        List<Long> sequences;

        try (var events = repository.streamEvents("account", "big")) {
            sequences = events.map(SerializedEvent::sequence).toList();
        }

        assertThat(sequences).hasSize(1_234).isSorted().startsWith(1L).endsWith(1_234L).doesNotHaveDuplicates();
    }

    @Test
    void streams_every_event_of_a_type_each_aggregate_in_order_and_no_other_type() {
        List<SerializedEvent> all;

        try (var events = repository.streamAllEvents("account")) {
            all = events.toList();
        }

        assertThat(all).hasSize(1_234 + 4 * 3).extracting(SerializedEvent::aggregateType).containsOnly("account");
        assertThat(all).isSortedAccordingTo(Comparator.comparing(SerializedEvent::aggregateId)
                .thenComparingLong(SerializedEvent::sequence));
        assertThat(all).filteredOn(e -> e.aggregateId().isEmpty()).extracting(SerializedEvent::sequence)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void an_aggregate_without_events_streams_nothing() {
        try (var events = repository.streamEvents("account", "nobody")) {
            assertThat(events).isEmpty();
        }
    }

    @Test
    void a_read_error_in_the_middle_of_a_stream_is_thrown_not_taken_for_its_end() {
        EventTables tables = database.tables("doomed_");
        PostgresCqrs.createSchema(database.dataSource(), tables);
        var doomed = PostgresCqrs.eventRepository(database.dataSource(), tables);
        doomed.persist(LongStream.rangeClosed(1, 600).mapToObj(sequence -> new SerializedEvent("account", "x",
                sequence, "Counted", "1.0", "{}", "{}")).toList(), null);
        var read = new ArrayList<Long>();

        try (var events = doomed.streamEvents("account", "x")) {
            var iterator = events.iterator();
            read.add(iterator.next().sequence());
            database.execute("DROP TABLE " + tables.events());

            assertThatThrownBy(() -> iterator.forEachRemaining(event -> read.add(event.sequence())))
                    .isInstanceOf(UnexpectedException.class)
                    .hasMessageContaining("streaming the events of account x")
                    .hasMessageContaining("42P01");
        }
        assertThat(read).as("the first page, 500 events, was read before the table went").hasSize(500);
    }
}
