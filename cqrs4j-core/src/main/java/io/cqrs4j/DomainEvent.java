// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * An event: a fact, named in the past tense, that an aggregate's command produced.
 *
 * <p>Events are records nested in one sealed interface per aggregate. The type name and version
 * are stored beside the payload and drive upcasting; the defaults suit most events.
 */
public interface DomainEvent {

    /**
     * The name stored with the event; by default the record's simple name, as cqrs-es writes the
     * enum variant's name.
     *
     * @return the event type name
     */
    default String eventType() {
        return getClass().getSimpleName();
    }

    /**
     * The shape version stored with the event, read by upcasters; {@code "1.0"} by default.
     *
     * @return the event version
     */
    default String eventVersion() {
        return "1.0";
    }
}
