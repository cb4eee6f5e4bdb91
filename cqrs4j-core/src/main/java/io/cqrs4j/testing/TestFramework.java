// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.testing;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Given/when/then tests of an aggregate's rules: given past events, when a command, then expect
 * events, an error or a state. No store, no framework; each {@code when} starts from a fresh fold.
 *
 * {@snippet :
 * TestFramework.with(BankAccount::initial, services)
 *         .given(new AccountOpened("ACCT-1"))
 *         .when(new DepositMoney(new BigDecimal("100")))
 *         .thenExpectEvents(new CustomerDepositedMoney(new BigDecimal("100"), new BigDecimal("100")));
 * }
 *
 * @param <A> the aggregate type
 * @param <C> the command type
 * @param <E> the event type
 */
public final class TestFramework<A extends Aggregate<C, E, ?>, C, E extends DomainEvent> {

    private final Supplier<A> initial;
    private final BiFunction<A, C, List<E>> handler;

    private TestFramework(Supplier<A> initial, BiFunction<A, C, List<E>> handler) {
        this.initial = initial;
        this.handler = handler;
    }

    /**
     * A test kit for one aggregate with the services its {@code handle} receives.
     *
     * @param initial the state of an aggregate with no events
     * @param services the services (a mock or a stub), or null for none
     * @param <A> the aggregate type
     * @param <C> the command type
     * @param <E> the event type
     * @param <S> the services type
     * @return the test kit
     */
    public static <A extends Aggregate<C, E, S>, C, E extends DomainEvent, S> TestFramework<A, C, E> with(
            Supplier<A> initial, S services) {
        Objects.requireNonNull(initial, "initial");
        return new TestFramework<>(initial, (aggregate, command) -> aggregate.handle(command, services));
    }

    /**
     * Starts from these past events.
     *
     * @param events the history, oldest first
     * @return the executor
     */
    @SafeVarargs
    public final AggregateTestExecutor<A, C, E> given(E... events) {
        return new AggregateTestExecutor<>(initial, handler, List.copyOf(Arrays.asList(events)));
    }

    /**
     * Starts from these past events.
     *
     * @param events the history, oldest first
     * @return the executor
     */
    public AggregateTestExecutor<A, C, E> given(List<? extends E> events) {
        return new AggregateTestExecutor<>(initial, handler, List.copyOf(events));
    }

    /**
     * Starts from an aggregate without history.
     *
     * @return the executor
     */
    public AggregateTestExecutor<A, C, E> givenNoPreviousEvents() {
        return new AggregateTestExecutor<>(initial, handler, List.of());
    }
}
