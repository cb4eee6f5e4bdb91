// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;

/**
 * The conformance kit's view of a {@link Tally}: a small record, stored as JSON by view repositories.
 *
 * @param events how many events reached the view
 * @param total the sum of the added amounts
 * @param lastSequence the sequence of the last event
 * @param lastNote the text of the last note, empty when none
 */
public record TallyView(long events, long total, long lastSequence, String lastNote) implements View<TallyEvent> {

    /**
     * The view before any event.
     *
     * @return the empty view
     */
    public static TallyView initial() {
        return new TallyView(0, 0, 0, "");
    }

    @Override
    public TallyView update(EventEnvelope<TallyEvent> event) {
        return switch (event.payload()) {
            case TallyEvent.Added added -> new TallyView(events + 1, total + added.amount(), event.sequence(), lastNote);
            case TallyEvent.Noted noted -> new TallyView(events + 1, total, event.sequence(), noted.text());
        };
    }
}
