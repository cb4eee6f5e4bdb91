// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.EventStore;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.ViewRepository;
import java.util.Objects;

/**
 * Where the demo keeps its data: the account events and the {@code account_query} views, plus
 * whatever must be closed on shutdown (a connection pool).
 *
 * @param description what the store is, for the startup log, e.g. {@code "sqlite ./data/bank.db (event sourced)"}
 * @param events the event store
 * @param views the view repository
 * @param resources closed on shutdown
 */
record Storage(String description, EventStore<BankAccount, BankAccountEvent> events,
               ViewRepository<BankAccountView> views, AutoCloseable resources) implements AutoCloseable {

    Storage {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(resources, "resources");
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
