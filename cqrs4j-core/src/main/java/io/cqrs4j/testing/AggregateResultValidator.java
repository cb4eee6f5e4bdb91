// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.testing;

import io.cqrs4j.DomainEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The "then" of a test: checks the events a command produced, or the error it raised. Every
 * failed check throws an {@link AssertionError} showing what was expected and what happened.
 *
 * @param <A> the aggregate type
 * @param <E> the event type
 */
public final class AggregateResultValidator<A, E extends DomainEvent> {

    private final List<E> events;
    private final A state;
    private final RuntimeException error;

    private AggregateResultValidator(List<E> events, A state, RuntimeException error) {
        this.events = events;
        this.state = state;
        this.error = error;
    }

    static <A, E extends DomainEvent> AggregateResultValidator<A, E> success(List<E> events, A state) {
        return new AggregateResultValidator<>(events, state, null);
    }

    static <A, E extends DomainEvent> AggregateResultValidator<A, E> failure(RuntimeException error) {
        return new AggregateResultValidator<>(null, null, error);
    }

    /**
     * Expects exactly these events, in this order.
     *
     * @param expected the events
     */
    @SafeVarargs
    public final void thenExpectEvents(E... expected) {
        List<E> actual = requireSuccess("events " + Arrays.toString(expected));
        if (!actual.equals(Arrays.asList(expected))) {
            throw new AssertionError("expected events " + Arrays.toString(expected) + " but got " + actual);
        }
    }

    /**
     * Expects each of these events among the produced ones, in any order; others may be there too.
     * An event expected twice must be produced twice.
     *
     * @param expected the events that must be present
     */
    @SafeVarargs
    public final void thenExpectEventsMatching(E... expected) {
        List<E> actual = requireSuccess("events including " + Arrays.toString(expected));
        var remaining = new ArrayList<>(actual);
        var missing = new ArrayList<E>();
        for (E event : expected) {
            if (!remaining.remove(event)) {
                missing.add(event);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("expected events including " + Arrays.toString(expected) + " but " + missing
                    + " missing from " + actual);
        }
    }

    /**
     * Expects the command to be rejected with an error equal in type and message to {@code expected}.
     *
     * @param expected the error
     */
    public void thenExpectError(RuntimeException expected) {
        Objects.requireNonNull(expected, "expected");
        RuntimeException actual = requireError(describe(expected));
        if (actual.getClass() != expected.getClass() || !Objects.equals(actual.getMessage(), expected.getMessage())) {
            throw new AssertionError("expected error " + describe(expected) + " but got " + describe(actual), actual);
        }
    }

    /**
     * Expects the command to fail with an error of {@code type} (or a subtype).
     *
     * @param type the error type
     * @param <X> the error type
     * @return the error, for further checks
     */
    public <X extends RuntimeException> X thenExpectError(Class<X> type) {
        RuntimeException actual = requireError("an error of type " + type.getName());
        if (!type.isInstance(actual)) {
            throw new AssertionError("expected an error of type " + type.getName() + " but got " + describe(actual), actual);
        }
        return type.cast(actual);
    }

    /**
     * Expects the command to fail with exactly this message.
     *
     * @param message the error's message
     */
    public void thenExpectErrorMessage(String message) {
        RuntimeException actual = requireError("error message \"" + message + "\"");
        if (!Objects.equals(actual.getMessage(), message)) {
            throw new AssertionError("expected error message \"" + message + "\" but got \"" + actual.getMessage()
                    + "\" (" + actual.getClass().getName() + ")", actual);
        }
    }

    /**
     * Expects the aggregate, after the produced events are applied, to equal {@code expected}.
     *
     * @param expected the state
     */
    public void thenExpectState(A expected) {
        requireSuccess("state " + expected);
        if (!Objects.equals(state, expected)) {
            throw new AssertionError("expected state " + expected + " but got " + state);
        }
    }

    /**
     * The outcome, for checks the other methods do not make.
     *
     * @return the events, or the error
     */
    public Result<E> inspectResult() {
        return error == null ? new Result.Events<>(events) : new Result.Error<>(error);
    }

    private List<E> requireSuccess(String expected) {
        if (error != null) {
            throw new AssertionError("expected " + expected + " but the command failed with " + describe(error), error);
        }
        return events;
    }

    private RuntimeException requireError(String expected) {
        if (error == null) {
            throw new AssertionError("expected " + expected + " but the command succeeded with events " + events);
        }
        return error;
    }

    private static String describe(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }

    /**
     * What a command produced: events or an error.
     *
     * @param <E> the event type
     */
    public sealed interface Result<E extends DomainEvent> {

        /**
         * The command succeeded.
         *
         * @param events the produced events
         * @param <E> the event type
         */
        record Events<E extends DomainEvent>(List<E> events) implements Result<E> {
        }

        /**
         * The command failed.
         *
         * @param error what it threw
         * @param <E> the event type
         */
        record Error<E extends DomainEvent>(RuntimeException error) implements Result<E> {
        }
    }
}
