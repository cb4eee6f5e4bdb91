// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.List;
import java.util.Objects;

/**
 * What {@link CqrsFramework#execute} committed: the envelopes and the aggregate's new version, so a
 * caller can read its own writes (wait for a view at {@code version}, return it as an ETag).
 *
 * @param aggregateId the aggregate's id
 * @param events the committed envelopes, empty when the command produced no events
 * @param version the aggregate's version after the command
 * @param <E> the event type
 */
public record CommandResult<E extends DomainEvent>(String aggregateId, List<EventEnvelope<E>> events, long version) {

    /**
     * Validates and copies.
     *
     * @param aggregateId the id
     * @param events the envelopes
     * @param version the new version
     */
    public CommandResult {
        Objects.requireNonNull(aggregateId, "aggregateId");
        events = List.copyOf(events);
    }
}
