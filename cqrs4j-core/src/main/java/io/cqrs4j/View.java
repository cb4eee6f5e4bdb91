// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * A materialised read model built from one aggregate's events, stored by a view repository.
 *
 * <p>Like an aggregate's {@code apply}, {@link #update} returns the next view and does not fail.
 * Implementations narrow the return type to their own.
 *
 * @param <E> the event type
 */
public interface View<E extends DomainEvent> {

    /**
     * Returns the view after {@code event}.
     *
     * @param event a committed event
     * @return the next view
     */
    View<E> update(EventEnvelope<E> event);
}
