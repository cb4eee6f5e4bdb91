// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

/**
 * What a projection does with an event that still fails after its retries, once it is parked.
 */
public enum FailurePolicy {

    /**
     * Stop before the event: the checkpoint stays just before it and the projection is
     * {@link ProjectionStatus.State#HALTED} until {@link ProjectionRunner#resume()} or
     * {@link ProjectionRunner#retryParked()}. Nothing is ever applied out of order; the default.
     */
    HALT,

    /**
     * Go past the event: the checkpoint moves on, and later events of the same aggregate are parked
     * behind it untried (so that aggregate's view never sees them out of order) until
     * {@link ProjectionRunner#retryParked()} applies them all in order. Other aggregates go on.
     */
    CONTINUE
}
