// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * Anything else the store or a serializer reported. Surface it as 500 without internals and log it.
 */
public final class UnexpectedException extends CqrsException {

    /**
     * An unexpected failure.
     *
     * @param message what failed, and where
     * @param cause the underlying error
     */
    public UnexpectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
