// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import java.util.List;

/**
 * A counter, the smallest aggregate whose JSON can be written by hand, for store tests.
 *
 * @param value the sum of all increments
 */
record Counter(long value) implements Aggregate<Counter.Increment, Counter.Incremented, Void> {

    /**
     * Adds to the counter, one event per amount.
     *
     * @param amounts the amounts
     */
    record Increment(List<Long> amounts) {
        Increment(Long... amounts) {
            this(List.of(amounts));
        }
    }

    /**
     * The counter grew.
     *
     * @param by how much
     */
    record Incremented(long by) implements DomainEvent {
    }

    static Counter initial() {
        return new Counter(0);
    }

    @Override
    public String aggregateType() {
        return "counter";
    }

    @Override
    public List<Incremented> handle(Increment command, Void services) {
        return command.amounts().stream().map(Incremented::new).toList();
    }

    @Override
    public Counter apply(Incremented event) {
        return new Counter(value + event.by());
    }
}
