// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.jmh;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.benchmarks.domain.BankAccountServices;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.persist.PersistedEventStore;
import java.math.BigDecimal;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code CqrsFramework.execute} of a deposit on one of 1,000 accounts, in memory: the
 * InMemoryEventStore with and without the aggregate cache, and the aggregate-store mode of
 * PersistedEventStore on InMemoryEventRepository with Jackson (cached or not). The stores are
 * rebuilt every iteration so event-sourced histories stay short and comparable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExecuteBenchmark {

    private static final int ACCOUNTS = 1_000;
    private static final BankAccountCommand DEPOSIT = new DepositMoney(BigDecimal.TEN);
    private static final Metadata METADATA = Metadata.of(java.util.Map.of(Metadata.USER_AGENT, "cqrs4j-benchmarks"));

    /** Which store and whether the aggregate cache is on. */
    @Param({"memory", "memory+cache", "aggregate-store", "aggregate-store+cache"})
    public String store;

    private CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework;
    private String[] ids;

    /** Builds the store and opens the accounts. */
    @Setup(Level.Iteration)
    public void setUp() {
        EventStore<BankAccount, BankAccountEvent> events = store.startsWith("memory")
                ? InMemoryEventStore.create(BankAccount::initial)
                : PersistedEventStore.aggregateStore(InMemoryEventRepository.create(),
                        JacksonEventSerializer.of(BankAccount::initial));
        CqrsFramework.Builder<BankAccount, BankAccountCommand, BankAccountEvent, BankAccountServices> builder =
                CqrsFramework.builder(events);
        builder.services(BankAccountServices.HAPPY_PATH);
        if (store.endsWith("+cache")) {
            builder.cacheAggregates(ACCOUNTS);
        }
        framework = builder.build();
        ids = new String[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            ids[i] = "ACCT-" + i;
            framework.execute(ids[i], new OpenAccount(ids[i]));
        }
    }

    /**
     * One deposit on a random account.
     *
     * @return the new version, so the work is not optimised away
     */
    @Benchmark
    public long execute() {
        return framework.execute(ids[ThreadLocalRandom.current().nextInt(ACCOUNTS)], DEPOSIT, METADATA).version();
    }
}
