// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.jmh;

import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.AccountOpened;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Loading an aggregate of N events: folded from objects (InMemoryEventStore) and decoded from JSON
 * then folded (event-sourced PersistedEventStore on InMemoryEventRepository with Jackson).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoadAggregateBenchmark {

    private static final String ID = "ACCT-1";

    /** The aggregate's number of events. */
    @Param({"10", "100", "1000"})
    public int events;

    private InMemoryEventStore<BankAccount, BankAccountEvent> objects;
    private PersistedEventStore<BankAccount, BankAccountEvent> json;

    /** Stores one aggregate of {@link #events} events in both stores. */
    @Setup
    public void setUp() {
        var serializer = JacksonEventSerializer.of(BankAccount::initial);
        objects = InMemoryEventStore.create(BankAccount::initial);
        var repository = InMemoryEventRepository.create();
        json = PersistedEventStore.eventSourced(repository, serializer);
        var history = new ArrayList<BankAccountEvent>();
        var stored = new ArrayList<SerializedEvent>();
        for (int sequence = 1; sequence <= events; sequence++) {
            BankAccountEvent event = sequence == 1 ? new AccountOpened(ID)
                    : new CustomerDepositedMoney(BigDecimal.ONE, BigDecimal.valueOf(sequence - 1));
            history.add(event);
            stored.add(new SerializedEvent(BankAccount.TYPE, ID, sequence, event.eventType(), event.eventVersion(),
                    serializer.serializeEvent(event), "{\"User-Agent\":\"cqrs4j-benchmarks\"}"));
        }
        objects.commit(objects.load(ID), history, io.cqrs4j.Metadata.empty());
        repository.persist(stored, null);
    }

    /**
     * Folds the objects.
     *
     * @return the state
     */
    @Benchmark
    public BankAccount inMemoryEventStore() {
        return objects.load(ID).aggregate();
    }

    /**
     * Decodes the JSON and folds.
     *
     * @return the state
     */
    @Benchmark
    public BankAccount persistedJackson() {
        return json.load(ID).aggregate();
    }
}
