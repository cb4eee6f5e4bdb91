// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.internal;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;

/** Folding events into aggregate state, shared by every store. Not part of the API. */
public final class Aggregates {

    private Aggregates() {
    }

    /**
     * Applies one event. {@code apply} is declared to return the interface; implementations
     * narrow it to their own record, which is what this cast relies on.
     *
     * @param state the current state
     * @param event the event
     * @param <A> the aggregate type
     * @param <E> the event type
     * @return the next state
     */
    @SuppressWarnings("unchecked")
    public static <A extends Aggregate<?, E, ?>, E extends DomainEvent> A apply(A state, E event) {
        var next = state.apply(event);
        if (next == null) {
            throw new NullPointerException(state.getClass().getName() + ".apply(" + event.eventType()
                    + ") returned null; apply must return the next state");
        }
        return (A) next;
    }
}
