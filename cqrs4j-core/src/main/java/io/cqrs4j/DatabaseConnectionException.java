// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * The store could not be reached; nothing of the command was written. Surface it as 503 Service
 * Unavailable; the command may be sent again once the database is back.
 */
public final class DatabaseConnectionException extends CqrsException {

    /**
     * A connection failure.
     *
     * @param message what could not be reached and what to check
     * @param cause the driver's error
     */
    public DatabaseConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
