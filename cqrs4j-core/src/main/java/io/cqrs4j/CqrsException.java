// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * The one family of errors {@link CqrsFramework#execute} throws, mirroring cqrs-es
 * {@code AggregateError}. Each subtype says how to surface it to a caller.
 */
public sealed class CqrsException extends RuntimeException
        permits CommandRejectedException, AggregateConflictException, DatabaseConnectionException,
                DeserializationException, UnexpectedException {

    /**
     * A new error.
     *
     * @param message what went wrong, where, and what to do
     * @param cause the underlying error, or null
     */
    CqrsException(String message, Throwable cause) {
        super(message, cause);
    }
}
