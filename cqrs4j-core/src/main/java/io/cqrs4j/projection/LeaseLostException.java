// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

/**
 * A projection's lease was taken over (it expired, another instance claimed it): this instance
 * must stop running the projection. Its checkpoint write was refused.
 */
public final class LeaseLostException extends RuntimeException {

    /**
     * A lost lease.
     *
     * @param lease the lease this instance believed it held
     * @param currentToken the token the store holds now
     */
    public LeaseLostException(Lease lease, long currentToken) {
        super("projection " + lease.projection() + ": lease of " + lease.owner() + " with token " + lease.token()
                + " was taken over (the store is at token " + currentToken + "); this instance stops running it");
    }
}
