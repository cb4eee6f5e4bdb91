// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.memory.InMemoryProjectionStore;
import io.cqrs4j.projection.ProjectionStore;

class InMemoryProjectionStoreContractTest extends ProjectionStoreContract {

    private static final ProjectionStore STORE = InMemoryProjectionStore.create();

    @Override
    protected ProjectionStore createStore() {
        return STORE;
    }
}
