// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.EventStore;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.projection.EventLog;
import io.cqrs4j.projection.ProjectionStore;
import java.util.Objects;

/**
 * Where the demo keeps its data: the account events and the {@code account_query} views, plus
 * whatever must be closed on shutdown (a connection pool).
 *
 * @param description what the store is, for the startup log, e.g. {@code "sqlite ./data/bank.db (event sourced)"}
 * @param events the event store
 * @param views the view repository
 * @param resources closed on shutdown
 * @param durable what a durable projection of the view reads and checkpoints in, or null when the
 *     view is fed in the request that wrote the events
 */
record Storage(String description, EventStore<BankAccount, BankAccountEvent> events,
               ViewRepository<BankAccountView> views, AutoCloseable resources, Durable durable) implements AutoCloseable {

    Storage {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(resources, "resources");
    }

    /** A storage whose view is fed in the request that wrote the events. */
    Storage(String description, EventStore<BankAccount, BankAccountEvent> events,
            ViewRepository<BankAccountView> views, AutoCloseable resources) {
        this(description, events, views, resources, null);
    }

    /**
     * What the durable projection of the account view runs on.
     *
     * @param events the account store, which selects and decodes the logged events
     * @param log the events in their global order
     * @param projections the projection's checkpoint, lease and parked events
     */
    record Durable(PersistedEventStore<BankAccount, BankAccountEvent> events, EventLog log, ProjectionStore projections) {

        Durable {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(log, "log");
            Objects.requireNonNull(projections, "projections");
        }
    }

    /**
     * Closes the resources.
     *
     * @throws IllegalStateException when closing failed; the cause says why
     */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing " + description, e);
        } catch (Exception e) {
            throw new IllegalStateException("closing " + description + " failed: " + e.getMessage(), e);
        }
    }
}
