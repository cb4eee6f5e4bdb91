// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.persist.PersistedEventRepository;

class InMemoryStoredDataContractTest extends StoredDataContract {

    @Override
    protected PersistedEventRepository createRepository() {
        return InMemoryEventRepository.create();
    }

    /** The in-memory store keeps the strings it is given: its own append is the raw write. */
    @Override
    protected RawRows rawRows() {
        return RawRows.through(repository);
    }

    @Override
    protected boolean storesTextThatIsNotJson() {
        return true;
    }
}
