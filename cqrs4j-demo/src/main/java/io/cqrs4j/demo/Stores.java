// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.DatabaseConnectionException;
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
import io.cqrs4j.mysql.MysqlCqrs;
import io.cqrs4j.postgres.PostgresCqrs;
import io.cqrs4j.sqlite.SqliteCqrs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the {@link Storage} the options name, creating the schema on first start: the only place
 * that wires a serializer to a backend.
 */
final class Stores {

    /** The view table, as cqrs-demo names it. */
    static final String VIEW_TABLE = "account_query";

    /** The default database, relative to the working directory. */
    static final String DEFAULT_SQLITE_FILE = "./data/bank.db";

    private static final String SQLITE_URL_PREFIX = "jdbc:sqlite:";
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
            case SQLITE -> sqlite(sqliteFile(options.url()), options.sourceOfTruth());
            case POSTGRES -> postgres(options.url(), options.sourceOfTruth());
            case MYSQL -> mysql(options.url(), options.sourceOfTruth());
            case DYNAMODB -> throw unavailable(options.store());
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

    /**
     * MySQL 8 or MariaDB in the tables of mysql-es ({@code events}, {@code snapshots}) and
     * {@code account_query}, created unless they exist.
     *
     * @param url a MariaDB or MySQL JDBC URL; user and password may be given as its parameters
     * @param mode how accounts are loaded
     * @return the storage, holding a connection pool
     */
    static Storage mysql(String url, SourceOfTruth mode) {
        HikariDataSource pool = MysqlCqrs.pool(url, null, null);
        try {
            MysqlCqrs.createSchema(pool);
            MysqlCqrs.createViewTable(pool, VIEW_TABLE);
            return new Storage("mysql " + withoutQuery(url) + ", " + mode.describe(),
                    persisted(MysqlCqrs.eventRepository(pool), mode),
                    MysqlCqrs.viewRepository(pool, VIEW_TABLE, VIEWS), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * SQLite in one file, with the same tables as on PostgreSQL, created unless they exist; the
     * file's directory is created too.
     *
     * @param file the database file
     * @param mode how accounts are loaded
     * @return the storage, holding a connection pool
     */
    static Storage sqlite(Path file, SourceOfTruth mode) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new DatabaseConnectionException("SQLite: cannot create the directory " + absolute.getParent()
                    + " for " + absolute.getFileName() + " (" + e + "); choose another file with --url", e);
        }
        HikariDataSource pool = SqliteCqrs.pool(absolute);
        try {
            SqliteCqrs.createSchema(pool);
            SqliteCqrs.createViewTable(pool, VIEW_TABLE);
            return new Storage("sqlite " + absolute + ", " + mode.describe(),
                    persisted(SqliteCqrs.eventRepository(pool), mode),
                    SqliteCqrs.viewRepository(pool, VIEW_TABLE, VIEWS), pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The file {@code --url} names, as a path or a {@code jdbc:sqlite:} URL; {@code ./data/bank.db} without it. */
    static Path sqliteFile(String url) {
        if (url == null) {
            return Path.of(DEFAULT_SQLITE_FILE);
        }
        String file = url.startsWith(SQLITE_URL_PREFIX) ? url.substring(SQLITE_URL_PREFIX.length()) : url;
        if (file.isBlank() || file.startsWith(":memory:") || file.contains("?")) {
            throw new IllegalArgumentException("--url for sqlite must name a database file, such as ./data/bank.db"
                    + " or jdbc:sqlite:./data/bank.db, but was '" + url + "'");
        }
        return Path.of(file);
    }

    private static EventStore<BankAccount, BankAccountEvent> persisted(PersistedEventRepository repository, SourceOfTruth mode) {
        return switch (mode) {
            case SourceOfTruth.EventSourced e -> PersistedEventStore.eventSourced(repository, EVENTS);
            case SourceOfTruth.Snapshots s -> PersistedEventStore.snapshotting(repository, EVENTS, s.every());
            case SourceOfTruth.AggregateStore a -> PersistedEventStore.aggregateStore(repository, EVENTS);
        };
    }

    private static StoreUnavailableException unavailable(Store store) {
        return new StoreUnavailableException("--store " + store.flag() + " is not part of this build yet (cqrs4j-"
                + store.flag() + " is missing); run with --store sqlite, postgres, mysql or memory");
    }

    /** The URL without its parameters, which may hold a password. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
