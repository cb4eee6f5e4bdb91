// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Instant;
import java.util.Objects;

/**
 * An event a projection failed on after its retries, set aside with the error (a dead letter).
 *
 * @param projection the projection's name
 * @param event the event
 * @param error what the last attempt threw
 * @param attempts how many times it was tried; 0 for an event parked untried behind an earlier
 *     parked event of its aggregate, so that the aggregate's events stay in order
 * @param parkedAt when it was parked (store clock)
 */
public record ParkedEvent(String projection, LoggedEvent event, String error, int attempts, Instant parkedAt) {

    /**
     * Validates the fields.
     *
     * @param projection the name
     * @param event the event
     * @param error the error
     * @param attempts the attempts, 0 or more
     * @param parkedAt the time
     */
    public ParkedEvent {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(parkedAt, "parkedAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("projection " + projection + ": attempts must not be negative but was " + attempts);
        }
    }
}
