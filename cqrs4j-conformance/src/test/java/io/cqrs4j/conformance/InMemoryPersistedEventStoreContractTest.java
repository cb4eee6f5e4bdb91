// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.persist.PersistedEventRepository;

class InMemoryPersistedEventStoreContractTest extends PersistedEventStoreContract {

    @Override
    protected PersistedEventRepository createRepository() {
        return InMemoryEventRepository.create();
    }
}
