// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.demo.Options.SourceOfTruth;

/**
 * The demo over HTTP with {@code --store memory --aggregate-store}: a persisted event store on the
 * in-memory repository, so events and the stored account go through JSON as on a database.
 */
class MemoryAggregateStoreBankServiceTest extends BankServiceContract {

    private final Storage database = Stores.memory(new SourceOfTruth.AggregateStore());

    @Override
    protected Storage openStorage() {
        return new Storage(database.description(), database.events(), database.views(), () -> { });
    }
}
