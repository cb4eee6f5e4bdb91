// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountCommand;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountServices;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.projection.ProjectionRunner;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank-account service over HTTP on Javalin: cqrs-demo's routes, on virtual threads, over
 * one {@link Storage}. The account view is fed in the request that wrote the events, or, when the
 * storage is {@linkplain Storage#durable() durable}, by a {@link ProjectionRunner} that the server
 * starts and stops. Stopping the server leaves the storage open; its owner closes it.
 */
final class BankServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BankServer.class);
    /** Retries of a command that lost a race with another process sharing the database. */
    static final int RETRIES_ON_CONFLICT = 10;
    /** The durable projection's name, its checkpoint's key. */
    static final String PROJECTION = "account_query";

    private final Javalin app;
    /** How long a dead process holds the view's projection before another process takes it over. */
    static final Duration PROJECTION_LEASE = Duration.ofSeconds(10);

    private final ProjectionRunner projection;

    private BankServer(Javalin app, ProjectionRunner projection) {
        this.app = app;
        this.projection = projection;
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
        var builder = CqrsFramework.builder(storage.events()).services(services);
        ProjectionRunner projection = null;
        if (storage.durable() == null) {
            builder.query(accountView);
        } else {
            projection = ProjectionRunner.builder(PROJECTION, storage.durable().events(),
                            GenericQuery.<BankAccountView, BankAccountEvent>tracking(storage.views(), BankAccountView::initial))
                    .eventLog(storage.durable().log())
                    .projectionStore(storage.durable().projections())
                    // after a crash, a restarted process waits for the dead one's lease: 10 s, not the default 30
                    .leaseTtl(PROJECTION_LEASE)
                    .build();
        }
        CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> cqrs = builder
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
            config.router.ignoreTrailingSlashes = false; // /account/X/ is not /account/X, as in cqrs-demo; read as routes are added
            config.routes.post("/account/{id}", routes::command);
            config.routes.get("/account/{id}", routes::query);
            config.routes.post("/account", routes::missingId);
            config.routes.get("/account", routes::missingId);
            config.routes.post("/account/", routes::missingId);
            config.routes.get("/account/", routes::missingId);
            config.routes.exception(Exception.class, Problems::handle);
            config.routes.error(404, Problems::noRoute);
            config.routes.error(405, Problems::methodNotAllowed);
            config.jetty.modifyServer(server -> server.setErrorHandler(new Problems.ServerErrors()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new Problems.ContextErrors()));
            config.requestLogger.http((ctx, millis) -> LOG.debug("{} {} -> {} in {} ms",
                    ctx.method(), ctx.path(), ctx.statusCode(), millis));
        });
        if (projection != null) {
            projection.start();
        }
        try {
            app.start(port);
        } catch (RuntimeException e) {
            if (projection != null) {
                projection.close();
            }
            throw e;
        }
        LOG.info("bank-account service listening on port {} with {}", app.port(), storage.description());
        return new BankServer(app, projection);
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    int port() {
        return app.port();
    }

    /** Stops serving, then stops the durable projection (releasing its lease) when there is one. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            if (projection != null) {
                projection.close();
            }
        }
    }
}
