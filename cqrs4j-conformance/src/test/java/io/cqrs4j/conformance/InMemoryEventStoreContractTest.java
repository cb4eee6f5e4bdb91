// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.EventStore;
import io.cqrs4j.memory.InMemoryEventStore;

class InMemoryEventStoreContractTest extends EventStoreContract {

    @Override
    protected EventStore<Tally, TallyEvent> createStore() {
        return InMemoryEventStore.create(Tally::initial);
    }
}
