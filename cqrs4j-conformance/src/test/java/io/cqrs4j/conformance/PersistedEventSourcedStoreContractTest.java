// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.EventStore;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.persist.PersistedEventStore;

class PersistedEventSourcedStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore<Tally, TallyEvent> createStore() {
        return PersistedEventStore.eventSourced(InMemoryEventRepository.create(), Tally.serializer());
    }
}
