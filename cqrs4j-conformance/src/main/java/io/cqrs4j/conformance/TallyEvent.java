// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.DomainEvent;

/** The events of the {@link Tally} test aggregate; each carries an id unique in its aggregate. */
public sealed interface TallyEvent extends DomainEvent {

    /**
     * The event's id, unique within its aggregate; {@link Tally} folds it into its checksum.
     *
     * @return the id
     */
    String id();

    /**
     * An amount was added.
     *
     * @param id the event's id
     * @param amount the amount
     */
    record Added(String id, long amount) implements TallyEvent {
    }

    /**
     * A note was recorded.
     *
     * @param id the event's id
     * @param text the note; may hold any Unicode
     */
    record Noted(String id, String text) implements TallyEvent {
    }

    /**
     * The event an aggregate gets at {@code sequence}, as {@link Tally#handle} would produce it.
     *
     * @param sequence the event's sequence
     * @param amount the amount
     * @return an {@link Added} with id {@code "e" + sequence}
     */
    static Added added(long sequence, long amount) {
        return new Added("e" + sequence, amount);
    }
}
