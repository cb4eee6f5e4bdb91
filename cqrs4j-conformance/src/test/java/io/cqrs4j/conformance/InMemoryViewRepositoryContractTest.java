// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;

class InMemoryViewRepositoryContractTest extends ViewRepositoryContract {

    @Override
    protected ViewRepository<TallyView> createRepository(ViewSerializer<TallyView> serializer) {
        return InMemoryViewRepository.create();
    }
}
