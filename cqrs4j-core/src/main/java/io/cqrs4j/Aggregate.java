// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.List;

/**
 * State plus rules for one consistency boundary.
 *
 * <p>An aggregate is an immutable value (usually a record). {@link #handle} decides which events a
 * command produces, or rejects it by throwing a {@link CommandRejectedException}; {@link #apply}
 * folds one event into the next state and never fails. The framework never writes anything for a
 * rejected command.
 *
 * {@snippet :
 * public record Counter(long value) implements Aggregate<Increment, Incremented, Void> {
 *     public String aggregateType() { return "counter"; }
 *     public List<Incremented> handle(Increment command, Void services) {
 *         return List.of(new Incremented(command.by()));
 *     }
 *     public Counter apply(Incremented event) { return new Counter(value + event.by()); }
 * }
 * }
 *
 * @param <C> the command type, usually a sealed interface of records
 * @param <E> the event type, a sealed interface of records implementing {@link DomainEvent}
 * @param <S> the services {@code handle} needs from the outside world ({@link Void} for none)
 */
public interface Aggregate<C, E extends DomainEvent, S> {

    /**
     * The aggregate type's name, stored with every event and part of the key (cqrs-es
     * {@code Aggregate::TYPE}), e.g. {@code "account"}. It must be the same for every instance.
     *
     * @return a short, stable, non-blank name
     */
    String aggregateType();

    /**
     * Decides the events a command produces, given the current state.
     *
     * @param command the command to handle
     * @param services the services given to the framework once
     * @return the new events, in order; empty when the command changes nothing
     * @throws CommandRejectedException when a business rule rejects the command
     */
    List<E> handle(C command, S services);

    /**
     * Returns the state after {@code event}; pure, without rules and without failing, because an
     * event is a fact that already happened. Implementations narrow the return type to their own.
     *
     * @param event a committed (or about to be committed) event of this aggregate
     * @return the next state
     */
    Aggregate<C, E, S> apply(E event);
}
