// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.List;

/**
 * Receives an aggregate's events right after they are committed, in process: a view updater, a
 * logger, a forwarder.
 *
 * <p>A query that throws never fails the command that was already committed: the framework logs
 * and counts the failure. Queries that must never miss an event are durable projections instead.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface Query<E extends DomainEvent> {

    /**
     * Handles the events one command committed.
     *
     * @param aggregateId the aggregate's id
     * @param events the committed envelopes, in sequence order, never empty
     */
    void dispatch(String aggregateId, List<EventEnvelope<E>> events);
}
