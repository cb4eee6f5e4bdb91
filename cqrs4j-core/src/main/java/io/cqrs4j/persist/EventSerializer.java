// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.Metadata;

/**
 * How one aggregate type's events, metadata and state become JSON text and back; the SPI that
 * {@code cqrs4j-jackson} implements. It also supplies the aggregate's initial state, from which it
 * learns the aggregate's classes.
 *
 * <p>Methods may throw any runtime exception on bad input; the store wraps it in a
 * {@link io.cqrs4j.DeserializationException} that names the aggregate, the sequence and the type.
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public interface EventSerializer<A extends Aggregate<?, E, ?>, E extends DomainEvent> {

    /**
     * The state of an aggregate with no events.
     *
     * @return the initial state
     */
    A initialState();

    /**
     * The event as an externally tagged JSON object: {@code {"CustomerDepositedMoney":{"amount":100.0}}}.
     *
     * @param event the event
     * @return the JSON text
     */
    String serializeEvent(E event);

    /**
     * The event that a stored payload holds.
     *
     * @param eventType the stored type name
     * @param eventVersion the stored version (after upcasting)
     * @param payload the JSON text
     * @return the event
     */
    E deserializeEvent(String eventType, String eventVersion, String payload);

    /**
     * The metadata as a JSON object of strings.
     *
     * @param metadata the metadata
     * @return the JSON text
     */
    String serializeMetadata(Metadata metadata);

    /**
     * The metadata a stored JSON object holds.
     *
     * @param json the JSON text
     * @return the metadata
     */
    Metadata deserializeMetadata(String json);

    /**
     * The aggregate's state as JSON, for snapshots.
     *
     * @param aggregate the state
     * @return the JSON text
     */
    String serializeAggregate(A aggregate);

    /**
     * The state a snapshot holds.
     *
     * @param json the JSON text
     * @return the state
     */
    A deserializeAggregate(String json);
}
