// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.AggregateContext;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.memory.InMemoryEventStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory event store whose commits fail the way a broken database would, once {@link #failCommits}
 * is called; loads keep working. It counts the commits attempted.
 */
final class FailingEventStore implements EventStore<BankAccount, BankAccountEvent> {

    private final InMemoryEventStore<BankAccount, BankAccountEvent> delegate = InMemoryEventStore.create(BankAccount::initial);
    private final AtomicInteger commits = new AtomicInteger();
    private volatile Function<AggregateContext<BankAccount>, RuntimeException> failure;

    /**
     * Makes every commit from now on throw what {@code failure} makes of the loaded context.
     *
     * @param failure the error to throw
     */
    void failCommits(Function<AggregateContext<BankAccount>, RuntimeException> failure) {
        this.failure = failure;
    }

    int commitsAttempted() {
        return commits.get();
    }

    @Override
    public String aggregateType() {
        return delegate.aggregateType();
    }

    @Override
    public AggregateContext<BankAccount> load(String aggregateId) {
        return delegate.load(aggregateId);
    }

    @Override
    public List<EventEnvelope<BankAccountEvent>> loadEvents(String aggregateId) {
        return delegate.loadEvents(aggregateId);
    }

    @Override
    public List<EventEnvelope<BankAccountEvent>> commit(AggregateContext<BankAccount> context, List<BankAccountEvent> events,
                                                        Metadata metadata) {
        commits.incrementAndGet();
        var current = failure;
        if (current != null) {
            throw current.apply(context);
        }
        return delegate.commit(context, events, metadata);
    }
}
