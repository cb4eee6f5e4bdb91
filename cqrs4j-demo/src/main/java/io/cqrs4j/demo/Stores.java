// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.EventStore;
import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.Options.Store;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewSerializer;
import io.cqrs4j.postgres.PostgresCqrs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the {@link Storage} the options name, creating the schema on first start: the only place
 * that wires a serializer to a backend.
 */
final class Stores {

    /** The view table, as cqrs-demo names it. */
    static final String VIEW_TABLE = "account_query";

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
    private static final EventSerializer<BankAccount, BankAccountEvent> EVENTS = JacksonEventSerializer.of(BankAccount::initial);
    private static final ViewSerializer<BankAccountView> VIEWS = JacksonViewSerializer.of(BankAccountView.class);

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
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     */
    static Storage open(Options options) {
        return switch (options.store()) {
            case MEMORY -> memory(options.sourceOfTruth());
            case SQLITE -> sqlite(options);
            case POSTGRES -> postgres(options.url(), options.sourceOfTruth());
            case MYSQL, DYNAMODB -> throw unavailable(options.store());
        };
    }

    /**
     * Events and views in this process's memory, gone when it stops. Event sourcing uses core's
     * {@link InMemoryEventStore}; the other modes run {@link PersistedEventStore} on an
     * {@link InMemoryEventRepository}, with events and snapshots serialized as on a database.
     *
     * @param mode how accounts are loaded
     * @return the storage
     */
    static Storage memory(SourceOfTruth mode) {
        EventStore<BankAccount, BankAccountEvent> events = mode instanceof SourceOfTruth.EventSourced
                ? InMemoryEventStore.create(BankAccount::initial)
                : persisted(InMemoryEventRepository.create(), mode);
        return new Storage("memory, " + mode.describe() + " (nothing is kept after the process stops)",
                events, InMemoryViewRepository.create(), () -> { });
    }

    /**
     * PostgreSQL in the tables of postgres-es and cqrs-demo ({@code events}, {@code snapshots},
     * {@code account_query}), created unless they exist.
     *
     * @param url a pgjdbc URL; user and password may be given as its parameters
     * @param mode how accounts are loaded
     * @return the storage, holding a connection pool
     */
    static Storage postgres(String url, SourceOfTruth mode) {
        HikariDataSource pool = PostgresCqrs.pool(url);
        try {
            PostgresCqrs.createSchema(pool);
            PostgresCqrs.createViewTable(pool, VIEW_TABLE);
            return new Storage("postgres " + withoutQuery(url) + ", " + mode.describe(),
                    persisted(PostgresCqrs.eventRepository(pool), mode),
                    PostgresCqrs.viewRepository(pool, VIEW_TABLE, VIEWS), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static EventStore<BankAccount, BankAccountEvent> persisted(PersistedEventRepository repository, SourceOfTruth mode) {
        return switch (mode) {
            case SourceOfTruth.EventSourced e -> PersistedEventStore.eventSourced(repository, EVENTS);
            case SourceOfTruth.Snapshots s -> PersistedEventStore.snapshotting(repository, EVENTS, s.every());
            case SourceOfTruth.AggregateStore a -> PersistedEventStore.aggregateStore(repository, EVENTS);
        };
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
                + store.flag() + " is missing); run with --store memory or --store postgres");
    }

    /** The URL without its parameters, which may hold a password. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
