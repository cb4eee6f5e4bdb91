// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks.jmh;

import io.cqrs4j.jackson.JsonUpcasts;
import io.cqrs4j.persist.SemanticVersionEventUpcaster;
import io.cqrs4j.persist.SerializedEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Upcasting one stored event with {@link SemanticVersionEventUpcaster}: a text function, a JSON
 * tree function ({@link JsonUpcasts#onFields}), and the check that leaves a current event alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UpcastBenchmark {

    private final SerializedEvent old = new SerializedEvent("account", "ACCT-1", 7, "CustomerDepositedMoney", "1.0",
            "{\"CustomerDepositedMoney\":{\"amount\":100.00,\"balance\":2500.50}}", "{}");
    private final SerializedEvent current = old.withPayload("CustomerDepositedMoney", "2.0", old.payload());
    private final SemanticVersionEventUpcaster text = SemanticVersionEventUpcaster.of("CustomerDepositedMoney", "2.0",
            payload -> payload.replace("}}", ",\"currency\":\"EUR\"}}"));
    private final SemanticVersionEventUpcaster tree = SemanticVersionEventUpcaster.of("CustomerDepositedMoney", "2.0",
            JsonUpcasts.onFields(fields -> fields.put("currency", "EUR")));

    /**
     * A text upcast.
     *
     * @return the upcast event
     */
    @Benchmark
    public SerializedEvent textUpcast() {
        return text.canUpcast(old.eventType(), old.eventVersion()) ? text.upcast(old) : old;
    }

    /**
     * A JSON-tree upcast.
     *
     * @return the upcast event
     */
    @Benchmark
    public SerializedEvent treeUpcast() {
        return tree.canUpcast(old.eventType(), old.eventVersion()) ? tree.upcast(old) : old;
    }

    /**
     * The version check on an event already current: what every read pays per upcaster.
     *
     * @return whether it would upcast
     */
    @Benchmark
    public boolean currentEventCheck() {
        return text.canUpcast(current.eventType(), current.eventVersion());
    }
}
