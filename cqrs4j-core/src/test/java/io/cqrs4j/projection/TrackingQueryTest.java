// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Metadata;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.GenericQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GenericQuery#tracking}: the stored version is the last applied sequence. */
class TrackingQueryTest {

    private final InMemoryViewRepository<LedgerView> views = InMemoryViewRepository.create();
    private final GenericQuery<LedgerView, Ledger.Posted> query = GenericQuery.tracking(views, LedgerView::initial);

    private static EventEnvelope<Ledger.Posted> posted(long sequence, long amount) {
        return new EventEnvelope<>("L-1", sequence, new Ledger.Posted(amount), Metadata.empty());
    }

    @Test
    void stores_the_view_at_the_sequence_of_the_last_event_applied() {
        query.dispatch("L-1", List.of(posted(1, 10), posted(2, 20), posted(3, 30)));

        var stored = views.loadWithContext("L-1").orElseThrow();

        assertThat(stored.context().version()).isEqualTo(3);
        assertThat(stored.view()).isEqualTo(new LedgerView(60, List.of(1L, 2L, 3L)));
    }

    @Test
    void skips_events_delivered_again() {
        query.dispatch("L-1", List.of(posted(1, 10), posted(2, 20)));

        query.dispatch("L-1", List.of(posted(1, 10), posted(2, 20), posted(3, 30)));
        query.dispatch("L-1", List.of(posted(3, 30)));

        var stored = views.loadWithContext("L-1").orElseThrow();
        assertThat(stored.context().version()).isEqualTo(3);
        assertThat(stored.view()).isEqualTo(new LedgerView(60, List.of(1L, 2L, 3L)));
    }

    @Test
    void refuses_an_event_that_skips_a_sequence_and_keeps_the_view() {
        query.dispatch("L-1", List.of(posted(1, 10)));

        assertThatThrownBy(() -> query.dispatch("L-1", List.of(posted(3, 30))))

                .isInstanceOf(UnexpectedException.class)
                .hasMessage("view L-1: stored at sequence 1 but the next event is sequence 3; the events in between"
                        + " were never applied (parked?): retry them or rebuild the view");
        assertThat(views.load("L-1")).contains(new LedgerView(10, List.of(1L)));
    }

    @Test
    void the_plain_query_still_counts_one_version_per_dispatch() {
        var plain = GenericQuery.create(views, LedgerView::initial);

        plain.dispatch("L-1", List.of(posted(1, 10), posted(2, 20)));

        assertThat(views.loadWithContext("L-1").orElseThrow().context().version()).isEqualTo(1);
    }
}
