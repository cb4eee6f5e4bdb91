// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.testing;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.internal.Aggregates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The "given" of a test: past events, to which more can be added, then the command under test.
 *
 * @param <A> the aggregate type
 * @param <C> the command type
 * @param <E> the event type
 */
public final class AggregateTestExecutor<A extends Aggregate<C, E, ?>, C, E extends DomainEvent> {

    private final Supplier<A> initial;
    private final BiFunction<A, C, List<E>> handler;
    private final List<E> history;

    AggregateTestExecutor(Supplier<A> initial, BiFunction<A, C, List<E>> handler, List<E> history) {
        this.initial = initial;
        this.handler = handler;
        this.history = history;
    }

    /**
     * Adds more past events.
     *
     * @param events more history
     * @return a new executor with the longer history
     */
    @SafeVarargs
    public final AggregateTestExecutor<A, C, E> and(E... events) {
        var longer = new ArrayList<>(history);
        longer.addAll(Arrays.asList(events));
        return new AggregateTestExecutor<>(initial, handler, List.copyOf(longer));
    }

    /**
     * Folds the history, then handles {@code command}.
     *
     * @param command the command under test
     * @return the validator of the outcome
     */
    public AggregateResultValidator<A, E> when(C command) {
        Objects.requireNonNull(command, "command");
        A state = initial.get();
        for (E event : history) {
            state = Aggregates.apply(state, event);
        }
        try {
            List<E> events = List.copyOf(handler.apply(state, command));
            A after = state;
            for (E event : events) {
                after = Aggregates.apply(after, event);
            }
            return AggregateResultValidator.success(events, after);
        } catch (RuntimeException error) {
            return AggregateResultValidator.failure(error);
        }
    }
}
