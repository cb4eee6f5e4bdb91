// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.DomainEvent;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.persist.SerializedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The typed part of a projection: which logged events are its own, how they decode, and the query
 * that receives them, one dispatch per run of consecutive events of one aggregate.
 *
 * @param <E> the event type
 */
final class Projector<E extends DomainEvent> {

    private final String aggregateType;
    private final Function<SerializedEvent, EventEnvelope<E>> decoder;
    private final Query<E> query;

    Projector(String aggregateType, Function<SerializedEvent, EventEnvelope<E>> decoder, Query<E> query) {
        this.aggregateType = aggregateType;
        this.decoder = decoder;
        this.query = query;
    }

    String aggregateType() {
        return aggregateType;
    }

    boolean handles(LoggedEvent event) {
        return event.event().aggregateType().equals(aggregateType);
    }

    /** Decodes every event first (a bad one dispatches nothing), then dispatches them in order. */
    void dispatch(List<LoggedEvent> events) {
        var envelopes = new ArrayList<EventEnvelope<E>>(events.size());
        for (LoggedEvent event : events) {
            envelopes.add(decoder.apply(event.event()));
        }
        int from = 0;
        for (int i = 1; i <= envelopes.size(); i++) {
            if (i == envelopes.size() || !envelopes.get(i).aggregateId().equals(envelopes.get(from).aggregateId())) {
                query.dispatch(envelopes.get(from).aggregateId(), List.copyOf(envelopes.subList(from, i)));
                from = i;
            }
        }
    }
}
