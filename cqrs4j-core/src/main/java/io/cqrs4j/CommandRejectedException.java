// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * A business rule rejected the command; nothing was written. Surface it as 400 Bad Request with
 * the message as the reason.
 *
 * <p>This is the domain's error: aggregates throw it, or a subclass of their own for typed errors.
 */
public non-sealed class CommandRejectedException extends CqrsException {

    /**
     * A rejection with a reason meant for the caller.
     *
     * @param message why the command was rejected, e.g. {@code "funds not available"}
     */
    public CommandRejectedException(String message) {
        super(message, null);
    }

    /**
     * A rejection with a reason and the error behind it.
     *
     * @param message why the command was rejected
     * @param cause the underlying error
     */
    public CommandRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
