// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the bank-account demo service: {@code java -jar cqrs4j-demo.jar [--store …] [--port …]};
 * {@code --help} lists the flags. Exits with 2 on a bad command line and 1 when the store cannot
 * be opened or the port is taken.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * Parses the flags, opens the store and serves until the process is stopped.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = launch(args, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses the flags and starts the service, which stops (and closes its store) when the JVM shuts down.
     *
     * @param args the command line
     * @param err where the usage goes
     * @return 0 when the service is running or help was printed, 2 for a bad command line, 1 when it could not start
     */
    static int launch(String[] args, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(Options.USAGE);
            return 2;
        }
        if (options.help()) {
            err.print(Options.USAGE);
            return 0;
        }
        Storage storage;
        try {
            storage = Stores.open(options);
        } catch (RuntimeException e) {
            LOG.error("cannot open the {} store: {}", options.store().flag(), e.getMessage(), e);
            return 1;
        }
        BankServer server;
        try {
            server = BankServer.start(storage, new HappyPathBankAccountServices(), options.port());
        } catch (RuntimeException e) {
            LOG.error("cannot start the HTTP server on port {}: {}", options.port(), e.getMessage(), e);
            closeQuietly(storage);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closeQuietly(storage);
        }, "cqrs4j-demo-shutdown"));
        return 0;
    }

    private static void closeQuietly(Storage storage) {
        try {
            storage.close();
        } catch (Exception e) {
            LOG.warn("closing the store failed: {}", e.getMessage(), e);
        }
    }
}
