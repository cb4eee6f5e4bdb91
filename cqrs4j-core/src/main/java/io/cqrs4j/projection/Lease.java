// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Instant;
import java.util.Objects;

/**
 * The right to run one projection, held by one owner until it expires on the store's clock. The
 * token grows with every new holder and fences checkpoint writes: a holder whose lease was taken
 * over can no longer move the checkpoint.
 *
 * @param projection the projection's name
 * @param owner who holds it, e.g. {@code host:pid:uuid}
 * @param token the fencing token
 * @param expiresAt when it expires unless renewed (store clock)
 */
public record Lease(String projection, String owner, long token, Instant expiresAt) {

    /**
     * Validates the fields.
     *
     * @param projection the name
     * @param owner the owner
     * @param token the token, at least 1
     * @param expiresAt the expiry
     */
    public Lease {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (token < 1) {
            throw new IllegalArgumentException("projection " + projection + ": fencing token must be at least 1 but was " + token);
        }
    }
}
