// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.util.Locale;

/**
 * The command line: which store, where it is, which port, and how accounts are loaded.
 *
 * @param store the store kind
 * @param storeGiven whether {@code --store} was on the command line (the default may fall back)
 * @param url the database location from {@code --url}, or null for the store's default
 * @param port the HTTP port, 0 for any free one
 * @param sourceOfTruth how accounts are loaded
 * @param help whether {@code --help} was asked for
 * @param projection how the account view is fed: from {@code --projection}, else durable on
 *     SQLite, PostgreSQL and MySQL and sync on the other stores
 */
record Options(Store store, boolean storeGiven, String url, int port, SourceOfTruth sourceOfTruth, boolean help,
               Projection projection) {

    static final int DEFAULT_PORT = 3030;

    static final String USAGE = """
            usage: java -jar cqrs4j-demo.jar [--store sqlite|postgres|mysql|dynamodb|memory] [--url URL]
                                             [--port N] [--snapshot-every N | --aggregate-store]
                                             [--projection sync|durable]
              --store             where events and views live (default sqlite, file ./data/bank.db)
              --url               the database: for sqlite a file path or jdbc:sqlite: URL; for postgres and mysql
                                  a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/test?user=postgres;
                                  for dynamodb an endpoint such as http://127.0.0.1:8000
              --port              the HTTP port (default 3030; 0 picks a free one)
              --snapshot-every N  load an account from a snapshot written every N events, plus the events after it
              --aggregate-store   keep the current account beside its events and load only it
              --projection        how the account view is fed: durable (from the event log by a projection
                                  runner that survives restarts and crashes; sqlite, postgres and mysql only,
                                  their default) or sync (in the request that wrote the events; the default
                                  elsewhere; a crash between the commit and the view write leaves the view
                                  behind until the account's next command)
              --help              print this help
            """;

    /** The stores the demo can run on. */
    enum Store {
        SQLITE, POSTGRES, MYSQL, DYNAMODB, MEMORY;

        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the account view is fed. */
    enum Projection {
        /** In the request that executed the command, before it answers. */
        SYNC,
        /** By core's {@code ProjectionRunner}, from the event log after its checkpoint (issue 7). */
        DURABLE;

        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether the store offers an event log and a projection store. */
        static boolean durableOn(Store store) {
            return store == Store.SQLITE || store == Store.POSTGRES || store == Store.MYSQL;
        }
    }

    /** How the event store loads an account (DESIGN.md §3). */
    sealed interface SourceOfTruth {

        /**
         * The mode in words, for the startup log.
         *
         * @return e.g. {@code "snapshot every 100 events"}
         */
        default String describe() {
            return switch (this) {
                case EventSourced e -> "event sourced";
                case Snapshots s -> "snapshot every " + s.every() + " events";
                case AggregateStore a -> "aggregate store";
            };
        }

        /** Fold every event. */
        record EventSourced() implements SourceOfTruth {
        }

        /**
         * A snapshot every {@code every} events, plus the events after it.
         *
         * @param every the interval, at least 1
         */
        record Snapshots(int every) implements SourceOfTruth {
        }

        /** The stored current account. */
        record AggregateStore() implements SourceOfTruth {
        }
    }

    /** A command line that cannot be run: the message says which flag and why. */
    static final class UsageException extends Exception {

        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses the command line; flags take their value as the next argument or after {@code =}.
     *
     * @param args the arguments
     * @return the options
     * @throws UsageException naming the flag that is unknown, lacks a value or has a bad one
     */
    static Options parse(String... args) throws UsageException {
        var parser = new Parser(args);
        return parser.parse();
    }

    /** Walks the arguments once. */
    private static final class Parser {

        private final String[] args;
        private int next;
        private Store store = Store.SQLITE;
        private boolean storeGiven;
        private String url;
        private int port = DEFAULT_PORT;
        private Integer snapshotEvery;
        private boolean aggregateStore;
        private boolean help;
        private Projection projection;

        Parser(String[] args) {
            this.args = args.clone();
        }

        Options parse() throws UsageException {
            while (next < args.length) {
                String arg = args[next++];
                String inline = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    inline = arg.substring(equals + 1);
                    arg = arg.substring(0, equals);
                }
                flag(arg, inline);
            }
            return validated();
        }

        private void flag(String flag, String inline) throws UsageException {
            switch (flag) {
                case "--store" -> {
                    store = store(value(flag, inline));
                    storeGiven = true;
                }
                case "--url" -> url = value(flag, inline);
                case "--port" -> port = number(flag, value(flag, inline), 0, 65_535);
                case "--snapshot-every" -> snapshotEvery = number(flag, value(flag, inline), 1, Integer.MAX_VALUE);
                case "--aggregate-store" -> aggregateStore = noValue(flag, inline);
                case "--projection" -> projection = projection(value(flag, inline));
                case "--help", "-h" -> help = noValue(flag, inline);
                default -> throw new UsageException("unknown argument '" + flag + "'");
            }
        }

        private String value(String flag, String inline) throws UsageException {
            if (inline != null) {
                if (inline.isBlank()) {
                    throw new UsageException(flag + " needs a value");
                }
                return inline;
            }
            if (next >= args.length || args[next].startsWith("--") || args[next].isBlank()) {
                throw new UsageException(flag + " needs a value");
            }
            return args[next++];
        }

        private static boolean noValue(String flag, String inline) throws UsageException {
            if (inline != null) {
                throw new UsageException(flag + " takes no value but was given '" + inline + "'");
            }
            return true;
        }

        private static Store store(String value) throws UsageException {
            for (Store candidate : Store.values()) {
                if (candidate.flag().equals(value)) {
                    return candidate;
                }
            }
            throw new UsageException("--store must be one of sqlite, postgres, mysql, dynamodb, memory but was '" + value + "'");
        }

        private static Projection projection(String value) throws UsageException {
            for (Projection candidate : Projection.values()) {
                if (candidate.flag().equals(value)) {
                    return candidate;
                }
            }
            throw new UsageException("--projection must be sync or durable but was '" + value + "'");
        }

        private static int number(String flag, String value, int min, int max) throws UsageException {
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException(flag + " must be a whole number from " + min + " to " + max + " but was '" + value + "'");
        }

        private Options validated() throws UsageException {
            if (snapshotEvery != null && aggregateStore) {
                throw new UsageException("--snapshot-every and --aggregate-store exclude each other; choose one");
            }
            if (store == Store.SQLITE && url != null) {
                try {
                    Stores.sqliteFile(url);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            if (store == Store.MEMORY && url != null) {
                throw new UsageException("--url does not apply to --store memory");
            }
            if ((store == Store.POSTGRES || store == Store.MYSQL) && url == null && !help) {
                throw new UsageException("--store " + store.flag() + " needs --url, e.g. --url "
                        + (store == Store.POSTGRES ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
                                                   : "jdbc:mariadb://127.0.0.1:3306/test?user=root"));
            }
            if (projection == Projection.DURABLE && !Projection.durableOn(store)) {
                throw new UsageException("--projection durable needs an event log, which --store " + store.flag()
                        + " does not offer; use --store sqlite, postgres or mysql, or --projection sync");
            }
            Projection feed = projection != null ? projection
                    : Projection.durableOn(store) ? Projection.DURABLE : Projection.SYNC;
            SourceOfTruth mode = aggregateStore ? new SourceOfTruth.AggregateStore()
                    : snapshotEvery != null ? new SourceOfTruth.Snapshots(snapshotEvery)
                    : new SourceOfTruth.EventSourced();
            return new Options(store, storeGiven, url, port, mode, help, feed);
        }
    }
}
