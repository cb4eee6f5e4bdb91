// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.List;

/**
 * A tiny aggregate for framework tests: one command may produce no, one or several events.
 *
 * @param total the sum of everything added
 */
record Tally(long total) implements Aggregate<Tally.Add, Tally.Added, Void> {

    /**
     * Adds amounts, one event each; none for an empty list. A null amount makes {@code handle}
     * return a null event (a broken aggregate, for the framework's guard).
     *
     * @param amounts the amounts, none negative
     */
    record Add(List<Long> amounts) {
        Add(Long... amounts) {
            this(java.util.Arrays.asList(amounts));
        }
    }

    /**
     * One amount was added.
     *
     * @param amount the amount
     */
    record Added(long amount) implements DomainEvent {
    }

    static Tally initial() {
        return new Tally(0);
    }

    @Override
    public String aggregateType() {
        return "tally";
    }

    @Override
    public List<Added> handle(Add command, Void services) {
        if (command.amounts().stream().anyMatch(amount -> amount != null && amount < 0)) {
            throw new CommandRejectedException("amounts must not be negative but were " + command.amounts());
        }
        return command.amounts().stream().map(amount -> amount == null ? null : new Added(amount)).toList();
    }

    @Override
    public Tally apply(Added event) {
        return new Tally(total + event.amount());
    }
}
