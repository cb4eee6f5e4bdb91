// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

/**
 * Stored data (an event, its metadata, a view) could not be turned back into objects. The message
 * names the aggregate, the sequence and the event type. Surface it as 500; the data needs an
 * upcaster or a fix.
 */
public final class DeserializationException extends CqrsException {

    /**
     * A deserialization failure.
     *
     * @param message what could not be read, and where
     * @param cause the parser's error, or null
     */
    public DeserializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
