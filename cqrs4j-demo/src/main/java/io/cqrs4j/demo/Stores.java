// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.Options.Store;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.memory.InMemoryViewRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the {@link Storage} the options name: the only place that wires a backend to the demo. */
final class Stores {

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private Stores() {
    }

    /** A store that this build of the demo cannot open; the message says which and what to use instead. */
    static final class StoreUnavailableException extends RuntimeException {

        StoreUnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Opens the store, creating its schema on first start.
     *
     * @param options the command line
     * @return the storage, to be closed on shutdown
     * @throws StoreUnavailableException when the store's module is not part of this build
     */
    static Storage open(Options options) {
        return switch (options.store()) {
            case MEMORY -> memory(options.sourceOfTruth());
            case SQLITE -> sqlite(options);
            case POSTGRES, MYSQL, DYNAMODB -> throw unavailable(options.store());
        };
    }

    /**
     * Events and views in this process's memory: gone when it stops.
     *
     * @param mode how accounts are loaded; only event sourcing is kept in memory
     * @return the storage
     */
    static Storage memory(SourceOfTruth mode) {
        if (!(mode instanceof SourceOfTruth.EventSourced)) {
            throw new StoreUnavailableException("--store memory keeps events only; "
                    + "--snapshot-every and --aggregate-store need a persisted store");
        }
        return new Storage("memory (event sourced; nothing is kept after the process stops)",
                InMemoryEventStore.<BankAccount, BankAccountEvent>create(BankAccount::initial),
                InMemoryViewRepository.<BankAccountView>create(), () -> { });
    }

    private static Storage sqlite(Options options) {
        if (options.storeGiven()) {
            throw unavailable(Store.SQLITE);
        }
        LOG.warn("the default store, sqlite (./data/bank.db), is not part of this build yet (cqrs4j-sqlite is missing): "
                + "falling back to --store memory, which keeps NOTHING after the process stops");
        return memory(options.sourceOfTruth());
    }

    private static StoreUnavailableException unavailable(Store store) {
        return new StoreUnavailableException("--store " + store.flag() + " is not part of this build yet (cqrs4j-"
                + (store == Store.MYSQL ? "mysql" : store.flag()) + " is missing); run with --store memory");
    }
}
