// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * An aggregate as an {@link EventStore} loaded it: its state and version, plus whatever the store
 * needs to commit against it (a snapshot's version, say). Hand it back to the store that made it.
 *
 * @param <A> the aggregate type
 */
public interface AggregateContext<A> {

    /**
     * The aggregate's id.
     *
     * @return the id
     */
    String aggregateId();

    /**
     * The current state.
     *
     * @return the state; the initial state when the aggregate has no events
     */
    A aggregate();

    /**
     * The sequence of the last event folded into {@link #aggregate()}, 0 when there is none.
     *
     * @return the version
     */
    long version();
}
