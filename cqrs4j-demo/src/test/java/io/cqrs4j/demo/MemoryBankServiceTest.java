// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.demo.Options.SourceOfTruth;

/** The demo over HTTP on the in-memory store; a "restart" is a new server on the same store objects. */
class MemoryBankServiceTest extends BankServiceContract {

    private final Storage database = Stores.memory(new SourceOfTruth.EventSourced());

    @Override
    protected Storage openStorage() {
        return new Storage(database.description(), database.events(), database.views(), () -> { });
    }
}
