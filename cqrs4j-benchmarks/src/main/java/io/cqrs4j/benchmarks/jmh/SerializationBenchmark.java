// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.jmh;

import io.cqrs4j.Metadata;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.benchmarks.domain.BankAccountEvent.CustomerDepositedMoney;
import io.cqrs4j.jackson.JacksonEventSerializer;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One event and its metadata through {@link JacksonEventSerializer}, both ways. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerializationBenchmark {

    private final JacksonEventSerializer<BankAccount, BankAccountEvent> serializer =
            JacksonEventSerializer.of(BankAccount::initial);
    private final BankAccountEvent event = new CustomerDepositedMoney(new BigDecimal("100.00"), new BigDecimal("2500.50"));
    private final String payload = serializer.serializeEvent(event);
    private final Metadata metadata = Metadata.of(Map.of(Metadata.USER_AGENT, "cqrs4j-benchmarks",
            Metadata.TIME, "2026-01-01T00:00:00Z"));
    private final String metadataJson = serializer.serializeMetadata(metadata);

    /**
     * The event as externally tagged JSON.
     *
     * @return the JSON
     */
    @Benchmark
    public String serializeEvent() {
        return serializer.serializeEvent(event);
    }

    /**
     * The event back from its JSON.
     *
     * @return the event
     */
    @Benchmark
    public BankAccountEvent deserializeEvent() {
        return serializer.deserializeEvent("CustomerDepositedMoney", "1.0", payload);
    }

    /**
     * Metadata as JSON.
     *
     * @return the JSON
     */
    @Benchmark
    public String serializeMetadata() {
        return serializer.serializeMetadata(metadata);
    }

    /**
     * Metadata back from JSON, which every loaded event pays for.
     *
     * @return the metadata
     */
    @Benchmark
    public Metadata deserializeMetadata() {
        return serializer.deserializeMetadata(metadataJson);
    }
}
