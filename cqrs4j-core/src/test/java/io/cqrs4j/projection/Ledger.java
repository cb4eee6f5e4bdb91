// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import java.util.List;

/**
 * A ledger of postings, the aggregate of the projection tests.
 *
 * @param balance the sum of all postings
 */
record Ledger(long balance) implements Aggregate<Ledger.Post, Ledger.Posted, Void> {

    /**
     * Posts amounts, one event each.
     *
     * @param amounts the amounts
     */
    record Post(List<Long> amounts) {
    }

    /**
     * An amount was posted.
     *
     * @param amount the amount
     */
    record Posted(long amount) implements DomainEvent {
    }

    static Ledger initial() {
        return new Ledger(0);
    }

    @Override
    public String aggregateType() {
        return "ledger";
    }

    @Override
    public List<Posted> handle(Post command, Void services) {
        return command.amounts().stream().map(Posted::new).toList();
    }

    @Override
    public Ledger apply(Posted event) {
        return new Ledger(balance + event.amount());
    }
}
