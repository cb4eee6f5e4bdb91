// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.persist.SerializedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventPagesTest {

    private static List<SerializedEvent> events(long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(sequence -> new SerializedEvent("account", "A-1", sequence, "Deposited", "1.0", "{}", "{}"))
                .toList();
    }

    @Test
    void reads_page_after_page_from_the_last_event_read_until_a_short_page() {
        var asked = new ArrayList<Long>();
        EventPages.PageReader reader = (last, size) -> {
            long after = last == null ? 0 : last.sequence();
            asked.add(after);
            return events(after + 1, Math.min(after + size, 7));
        };

        var read = EventPages.stream(reader, 3).map(SerializedEvent::sequence).toList();

        assertThat(read).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(asked).containsExactly(0L, 3L, 6L);
    }

    @Test
    void a_failing_page_is_thrown_from_the_stream_not_taken_for_its_end() {
        EventPages.PageReader reader = (last, size) -> {
            if (last != null) {
                throw new DatabaseConnectionException("connection lost", null);
            }
            return events(1, size);
        };

        assertThatThrownBy(() -> EventPages.stream(reader, 2).toList())
                .isInstanceOf(DatabaseConnectionException.class);
    }

    @Test
    void a_closed_stream_reads_no_more() {
        var stream = EventPages.stream((last, size) -> events(1, size), 2);
        var iterator = stream.iterator();
        iterator.next();

        stream.close();

        assertThatThrownBy(iterator::hasNext).isInstanceOf(IllegalStateException.class);
    }
}
