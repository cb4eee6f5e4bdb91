// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.benchmarks.domain.BankAccountServices;
import java.util.Map;
import java.util.function.Supplier;

/** Commands through {@link CqrsFramework#execute}, without retries (the load run retries conflicts). */
final class FrameworkWorkload implements Workload {

    /** The metadata every command carries; raw workloads write the same JSON. */
    static final Metadata METADATA = Metadata.of(Map.of(Metadata.USER_AGENT, "cqrs4j-benchmarks"));
    /** {@link #METADATA} as JSON. */
    static final String METADATA_JSON = "{\"User-Agent\":\"cqrs4j-benchmarks\"}";

    private final CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework;
    private final Supplier<String> note;

    private FrameworkWorkload(CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework,
                              Supplier<String> note) {
        this.framework = framework;
        this.note = note;
    }

    /**
     * The framework over {@code store}, caching up to {@code cachedAggregates} aggregates (0 for no cache).
     */
    static FrameworkWorkload over(EventStore<BankAccount, BankAccountEvent> store, int cachedAggregates,
                                  Supplier<String> note) {
        CqrsFramework.Builder<BankAccount, BankAccountCommand, BankAccountEvent, BankAccountServices> builder =
                CqrsFramework.builder(store);
        builder.services(BankAccountServices.HAPPY_PATH);
        if (cachedAggregates > 0) {
            builder.cacheAggregates(cachedAggregates);
        }
        return new FrameworkWorkload(builder.build(), note);
    }

    @Override
    public void execute(String accountId, BankAccountCommand command) {
        framework.execute(accountId, command, METADATA);
    }

    @Override
    public String note() {
        return note.get();
    }
}
