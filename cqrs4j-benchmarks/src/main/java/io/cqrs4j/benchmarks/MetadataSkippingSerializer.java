// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.Metadata;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.persist.EventSerializer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A prototype of a change proposed for cqrs4j-core: loading an aggregate should not decode the
 * metadata of every event it folds ({@code PersistedEventStore.fold} discards it). Here the
 * metadata JSON is decoded once per distinct text and remembered, which costs what skipping it
 * would: nothing per event. Everything else is the Jackson serializer. Measured with
 * {@code --modes es-lean}; not part of the default comparisons.
 */
final class MetadataSkippingSerializer implements EventSerializer<BankAccount, BankAccountEvent> {

    private final EventSerializer<BankAccount, BankAccountEvent> delegate;
    private final ConcurrentHashMap<String, Metadata> decoded = new ConcurrentHashMap<>();

    MetadataSkippingSerializer(EventSerializer<BankAccount, BankAccountEvent> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Metadata deserializeMetadata(String json) {
        Metadata known = decoded.get(json);
        if (known != null) {
            return known;
        }
        Metadata metadata = delegate.deserializeMetadata(json);
        if (decoded.size() < 64) {
            decoded.put(json, metadata);
        }
        return metadata;
    }

    @Override
    public BankAccount initialState() {
        return delegate.initialState();
    }

    @Override
    public String serializeEvent(BankAccountEvent event) {
        return delegate.serializeEvent(event);
    }

    @Override
    public BankAccountEvent deserializeEvent(String eventType, String eventVersion, String payload) {
        return delegate.deserializeEvent(eventType, eventVersion, payload);
    }

    @Override
    public String serializeMetadata(Metadata metadata) {
        return delegate.serializeMetadata(metadata);
    }

    @Override
    public String serializeAggregate(BankAccount aggregate) {
        return delegate.serializeAggregate(aggregate);
    }

    @Override
    public BankAccount deserializeAggregate(String json) {
        return delegate.deserializeAggregate(json);
    }
}
