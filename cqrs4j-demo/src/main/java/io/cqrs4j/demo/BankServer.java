// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountServices;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank-account service over HTTP on Javalin: cqrs-demo's routes, on virtual threads, over
 * one {@link Storage}. Stopping the server leaves the storage open; its owner closes it.
 */
final class BankServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BankServer.class);
    /** Retries of a command that lost a race with another process sharing the database. */
    static final int RETRIES_ON_CONFLICT = 10;

    private final Javalin app;

    private BankServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the service.
     *
     * @param storage where the accounts live
     * @param services the ATM network and check clearing house
     * @param port the TCP port, 0 for any free one
     * @return the running server
     */
    static BankServer start(Storage storage, BankAccountServices services, int port) {
        var accountView = new AccountViewQuery(storage.views(), storage.events());
        CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs = CqrsFramework.builder(storage.events())
                .services(services)
                .query(accountView)
                .query(new LoggingQuery())
                .retryOnConflict(RETRIES_ON_CONFLICT, Duration.ofMillis(100))
                .build();
        var routes = new AccountRoutes(cqrs, accountView, Clock.systemUTC());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = AccountRoutes.MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.routes.post("/account/{id}", routes::command);
            config.routes.get("/account/{id}", routes::query);
            config.routes.post("/account", routes::missingId);
            config.routes.get("/account", routes::missingId);
            config.routes.exception(Exception.class, Problems::handle);
            config.routes.error(404, Problems::noRoute);
            config.routes.error(405, Problems::methodNotAllowed);
            config.requestLogger.http((ctx, millis) -> LOG.debug("{} {} -> {} in {} ms",
                    ctx.method(), ctx.path(), ctx.statusCode(), millis));
        });
        app.start(port);
        LOG.info("bank-account service listening on port {} with {}", app.port(), storage.description());
        return new BankServer(app);
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
