// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * The store could not be reached. Surface it as 503 Service Unavailable. Usually nothing of the
 * command was written and it may be sent again once the database is back; but when the connection
 * broke while the commit itself was under way ({@link #outcomeUnknown()}), the database may have
 * written it: read the aggregate before sending the command again.
 */
public final class DatabaseConnectionException extends CqrsException {

    /** Whether the commit had been sent when the connection broke. */
    private final boolean outcomeUnknown;

    /**
     * A connection failure before anything was sent to be committed.
     *
     * @param message what could not be reached and what to check
     * @param cause the driver's error
     */
    public DatabaseConnectionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * A connection failure, perhaps while a commit was under way.
     *
     * @param message what could not be reached and what to check
     * @param cause the driver's error
     * @param outcomeUnknown true when the commit had been sent, so it may have been written
     */
    public DatabaseConnectionException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * Whether the connection broke after the commit was sent: the events may or may not be stored.
     *
     * @return true when the outcome is unknown, false when nothing was written
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
