// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.util.OptionalLong;

/**
 * Another command committed to the same aggregate after this one loaded it; nothing of this one
 * was written. Retry it (load again, handle again), or surface it as 409 Conflict with
 * {@code Retry-After}.
 */
public final class AggregateConflictException extends CqrsException {

    /** The aggregate type, empty for a non-aggregate conflict. */
    private final String aggregateType;
    /** The aggregate's id, empty for a non-aggregate conflict. */
    private final String aggregateId;
    /** The version the command was handled against, -1 when not an aggregate's. */
    private final long expectedVersion;
    /** The version the store reported, -1 when unknown. */
    private final long actualVersion;

    /**
     * A conflict on one aggregate.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the aggregate's id
     * @param expectedVersion the version the command was handled against
     * @param actualVersion the version found in the store, or -1 when the store did not say
     * @param cause the store's error, or null
     */
    public AggregateConflictException(String aggregateType, String aggregateId, long expectedVersion,
                                      long actualVersion, Throwable cause) {
        super(message(aggregateType, aggregateId, expectedVersion, actualVersion), cause);
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * A conflict on a non-aggregate record, such as a view updated from a stale version.
     *
     * @param message what conflicted and what to do
     * @param cause the store's error, or null
     */
    public AggregateConflictException(String message, Throwable cause) {
        super(message, cause);
        this.aggregateType = "";
        this.aggregateId = "";
        this.expectedVersion = -1;
        this.actualVersion = -1;
    }

    private static String message(String type, String id, long expected, long actual) {
        String found = actual >= 0
                ? "the store is at " + actual
                : "another command committed sequence " + (expected + 1) + " first";
        return type + " " + id + ": expected version " + expected + " but " + found
                + " (a concurrent command won); retry";
    }

    /**
     * The aggregate type, or an empty string for a non-aggregate conflict.
     *
     * @return the aggregate type
     */
    public String aggregateType() {
        return aggregateType;
    }

    /**
     * The aggregate's id, or an empty string for a non-aggregate conflict.
     *
     * @return the id
     */
    public String aggregateId() {
        return aggregateId;
    }

    /**
     * The version the command was handled against, or -1 for a non-aggregate conflict.
     *
     * @return the expected version
     */
    public long expectedVersion() {
        return expectedVersion;
    }

    /**
     * The version found in the store, when the store reported it.
     *
     * @return the actual version, or empty
     */
    public OptionalLong actualVersion() {
        return actualVersion >= 0 ? OptionalLong.of(actualVersion) : OptionalLong.empty();
    }
}
