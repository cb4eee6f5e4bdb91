// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.EventStore;
import io.cqrs4j.demo.Options.Projection;
import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.dynamodb.DynamoDbCqrs;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.jdbc.EventTables;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Opens the {@link Storage} the options name, creating the schema on first start: the only place
 * that wires a serializer to a backend.
 */
final class Stores {

    /** The view table, as cqrs-demo names it. */
    static final String VIEW_TABLE = "account_query";

    /** The default database, relative to the working directory. */
    static final String DEFAULT_SQLITE_FILE = "./data/bank.db";

    /** The longest a request waits for a pooled connection before its 503 (HikariCP's default: 30 s). */
    static final Duration POOL_WAIT = Duration.ofSeconds(3);
    /** pgjdbc's {@code connectTimeout}, in seconds, unless the URL sets it. */
    static final int PG_CONNECT_TIMEOUT_SECONDS = 5;
    /** pgjdbc's {@code socketTimeout}, in seconds, unless the URL sets it: how long a silent server holds a request. */
    static final int PG_SOCKET_TIMEOUT_SECONDS = 30;

    private static final String SQLITE_URL_PREFIX = "jdbc:sqlite:";
    private static final EventSerializer<BankAccount, BankAccountEvent> EVENTS = JacksonEventSerializer.of(BankAccount::initial);
    private static final ViewSerializer<BankAccountView> VIEWS = JacksonViewSerializer.of(BankAccountView.class);

    private Stores() {
    }

    /**
     * Opens the store, creating its schema on first start.
     *
     * @param options the command line
     * @return the storage, to be closed on shutdown
     * @throws io.cqrs4j.DatabaseConnectionException when the database cannot be reached
     */
    static Storage open(Options options) {
        return switch (options.store()) {
            case MEMORY -> memory(options.sourceOfTruth());
            case SQLITE -> sqlite(sqliteFile(options.url()), options.sourceOfTruth(), options.projection());
            case POSTGRES -> postgres(options.url(), options.sourceOfTruth(), options.projection());
            case MYSQL -> mysql(options.url(), options.sourceOfTruth(), options.projection());
            case DYNAMODB -> dynamodb(options.url(), options.sourceOfTruth());
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
     * PostgreSQL with the view fed in the request, as {@link #postgres(String, SourceOfTruth, Projection)}.
     *
     * @param url a pgjdbc URL; user and password may be given as its parameters
     * @param mode how accounts are loaded
     * @return the storage, holding a connection pool
     */
    static Storage postgres(String url, SourceOfTruth mode) {
        return postgres(url, mode, Projection.SYNC);
    }

    /**
     * PostgreSQL in the tables of postgres-es and cqrs-demo ({@code events}, {@code snapshots},
     * {@code account_query}) and of durable projections, created unless they exist. A durable
     * projection adds the global-order columns to an {@code events} table that postgres-es
     * created (idempotent; cqrs-demo keeps working with the table).
     *
     * <p>A database that goes away fails requests fast: a connection from the pool is awaited at
     * most {@link #POOL_WAIT}, and pgjdbc's {@code connectTimeout} and {@code socketTimeout} default
     * to {@value #PG_CONNECT_TIMEOUT_SECONDS} s and {@value #PG_SOCKET_TIMEOUT_SECONDS} s unless the
     * URL sets them. Broken connections are replaced once the database is back, without a restart.
     *
     * @param url a pgjdbc URL; user and password may be given as its parameters
     * @param mode how accounts are loaded
     * @param projection how the view is fed
     * @return the storage, holding a connection pool
     */
    static Storage postgres(String url, SourceOfTruth mode, Projection projection) {
        HikariDataSource pool = PostgresCqrs.pool(withPgTimeouts(url));
        try {
            failFast(pool);
            PostgresCqrs.createSchema(pool);
            PostgresCqrs.createViewTable(pool, VIEW_TABLE);
            var events = persisted(PostgresCqrs.eventRepository(pool), mode);
            Storage.Durable durable = null;
            if (projection == Projection.DURABLE) {
                PostgresCqrs.upgradeSchema(pool, EventTables.defaults());
                durable = new Storage.Durable(events, PostgresCqrs.eventLog(pool), PostgresCqrs.projectionStore(pool));
            }
            return new Storage("postgres " + withoutQuery(url) + ", " + mode.describe() + ", " + describe(projection),
                    events, PostgresCqrs.viewRepository(pool, VIEW_TABLE, VIEWS), pool, durable);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * MySQL with the view fed in the request, as {@link #mysql(String, SourceOfTruth, Projection)}.
     *
     * @param url a MariaDB or MySQL JDBC URL; user and password may be given as its parameters
     * @param mode how accounts are loaded
     * @return the storage, holding a connection pool
     */
    static Storage mysql(String url, SourceOfTruth mode) {
        return mysql(url, mode, Projection.SYNC);
    }

    /**
     * MySQL 8 or MariaDB in the tables of mysql-es ({@code events}, {@code snapshots}),
     * {@code account_query} and of durable projections, created unless they exist. A durable
     * projection adds the global-order columns to an {@code events} table that mysql-es created.
     * A connection from the pool is awaited at most {@link #POOL_WAIT}.
     *
     * @param url a MariaDB or MySQL JDBC URL; user and password may be given as its parameters
     * @param mode how accounts are loaded
     * @param projection how the view is fed
     * @return the storage, holding a connection pool
     */
    static Storage mysql(String url, SourceOfTruth mode, Projection projection) {
        HikariDataSource pool = MysqlCqrs.pool(url, null, null);
        try {
            failFast(pool);
            MysqlCqrs.createSchema(pool);
            MysqlCqrs.createViewTable(pool, VIEW_TABLE);
            var events = persisted(MysqlCqrs.eventRepository(pool), mode);
            Storage.Durable durable = null;
            if (projection == Projection.DURABLE) {
                MysqlCqrs.upgradeSchema(pool, EventTables.defaults());
                durable = new Storage.Durable(events, MysqlCqrs.eventLog(pool), MysqlCqrs.projectionStore(pool));
            }
            return new Storage("mysql " + withoutQuery(url) + ", " + mode.describe() + ", " + describe(projection),
                    events, MysqlCqrs.viewRepository(pool, VIEW_TABLE, VIEWS), pool, durable);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * DynamoDB in the tables {@code Events}, {@code Snapshots} and {@code account_query}, created
     * unless they exist. The region is {@code AWS_REGION}, else {@code us-east-1}. Without a URL
     * the client reaches AWS with the default credentials chain; with one (DynamoDB Local,
     * dynalite) it signs with the static credentials {@code local}/{@code local} unless
     * {@code AWS_ACCESS_KEY_ID} is set, when the default chain applies.
     *
     * @param url the endpoint, e.g. {@code http://127.0.0.1:8000}, or null for AWS
     * @param mode how accounts are loaded
     * @return the storage, holding the client
     */
    static Storage dynamodb(String url, SourceOfTruth mode) {
        String region = env("AWS_REGION", "us-east-1");
        DynamoDbClient client;
        if (url == null) {
            client = DynamoDbCqrs.client(region);
        } else {
            URI endpoint;
            try {
                endpoint = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--url for dynamodb must be an endpoint such as http://127.0.0.1:8000"
                        + " but was '" + url + "' (" + e.getMessage() + ")", e);
            }
            client = DynamoDbCqrs.client(endpoint, region, System.getenv("AWS_ACCESS_KEY_ID") == null
                    ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                    : DefaultCredentialsProvider.builder().build());
        }
        try {
            DynamoDbCqrs.createTables(client);
            DynamoDbCqrs.createViewTable(client, VIEW_TABLE);
            return new Storage("dynamodb " + (url == null ? region : url + " (" + region + ")") + ", " + mode.describe(),
                    persisted(DynamoDbCqrs.eventRepository(client), mode),
                    DynamoDbCqrs.viewRepository(client, VIEW_TABLE, VIEWS), client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * SQLite with the view fed in the request, as {@link #sqlite(Path, SourceOfTruth, Projection)}.
     *
     * @param file the database file
     * @param mode how accounts are loaded
     * @return the storage, holding a connection pool
     */
    static Storage sqlite(Path file, SourceOfTruth mode) {
        return sqlite(file, mode, Projection.SYNC);
    }

    /**
     * SQLite in one file, with the same tables as on PostgreSQL (events with their global order,
     * snapshots, {@code account_query} and the projection tables), created unless they exist; the
     * file's directory is created too. A durable projection adds the global-order columns to an
     * {@code events} table an older version created (idempotent).
     *
     * <p>Only the durable projection keeps the view right across a crash: fed in the request, the
     * view is written after the events commit, so a process killed in between leaves the view
     * behind until the account's next command.
     *
     * @param file the database file
     * @param mode how accounts are loaded
     * @param projection how the view is fed
     * @return the storage, holding a connection pool
     */
    static Storage sqlite(Path file, SourceOfTruth mode, Projection projection) {
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
            var events = persisted(SqliteCqrs.eventRepository(pool), mode);
            Storage.Durable durable = null;
            if (projection == Projection.DURABLE) {
                SqliteCqrs.upgradeSchema(pool, EventTables.defaults());
                durable = new Storage.Durable(events, SqliteCqrs.eventLog(pool), SqliteCqrs.projectionStore(pool));
            }
            return new Storage("sqlite " + absolute + ", " + mode.describe() + ", " + describe(projection),
                    events, SqliteCqrs.viewRepository(pool, VIEW_TABLE, VIEWS), pool, durable);
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

    private static PersistedEventStore<BankAccount, BankAccountEvent> persisted(PersistedEventRepository repository, SourceOfTruth mode) {
        return switch (mode) {
            case SourceOfTruth.EventSourced e -> PersistedEventStore.eventSourced(repository, EVENTS);
            case SourceOfTruth.Snapshots s -> PersistedEventStore.snapshotting(repository, EVENTS, s.every());
            case SourceOfTruth.AggregateStore a -> PersistedEventStore.aggregateStore(repository, EVENTS);
        };
    }

    private static String describe(Projection projection) {
        return switch (projection) {
            case SYNC -> "view fed in the request";
            case DURABLE -> "view fed by a durable projection";
        };
    }

    /** The URL with pgjdbc's connect and socket timeouts added, unless it sets them. */
    static String withPgTimeouts(String url) {
        var result = new StringBuilder(url);
        String query = url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?') + 1);
        appendUnlessSet(result, query, "connectTimeout", PG_CONNECT_TIMEOUT_SECONDS);
        appendUnlessSet(result, query, "socketTimeout", PG_SOCKET_TIMEOUT_SECONDS);
        return result.toString();
    }

    private static void appendUnlessSet(StringBuilder url, String query, String parameter, int value) {
        for (String pair : query.split("&")) {
            if (pair.equals(parameter) || pair.startsWith(parameter + "=")) {
                return;
            }
        }
        url.append(url.indexOf("?") < 0 ? '?' : '&').append(parameter).append('=').append(value);
    }

    /** HikariCP reads the new wait in its first housekeeping run, 100 ms after the pool starts: call at once. */
    private static void failFast(HikariDataSource pool) {
        pool.setConnectionTimeout(POOL_WAIT.toMillis());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The URL without its parameters, which may hold a password. */
    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
