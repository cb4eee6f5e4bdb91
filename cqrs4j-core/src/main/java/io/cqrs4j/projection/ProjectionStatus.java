// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a projection stands, as {@link ProjectionRunner#status()} reports it.
 *
 * @param name the projection's name
 * @param state what this instance is doing
 * @param checkpoint the last position the projection completed (the store's, whichever instance
 *     moved it)
 * @param lagEvents how many committed events sort after the checkpoint
 * @param lagTime how long the oldest of them has waited (now minus its {@link LoggedEvent#recordedAt()}),
 *     zero when none is readable
 * @param lastError the last failure this instance saw (a handler's, or the store's), empty when
 *     none since it last succeeded
 * @param heldBack why the log holds events back (an open transaction), empty when it does not
 * @param owner this instance's lease owner id
 * @param parked how many events are parked
 */
public record ProjectionStatus(String name, State state, LogPosition checkpoint, long lagEvents, Duration lagTime,
                               String lastError, String heldBack, String owner, int parked) {

    /**
     * Validates the fields.
     *
     * @param name the name
     * @param state the state
     * @param checkpoint the checkpoint
     * @param lagEvents the lag in events, 0 or more
     * @param lagTime the lag in time, not negative
     * @param lastError the last error, empty when none
     * @param heldBack the hold-back reason, empty when none
     * @param owner the owner id
     * @param parked the parked count, 0 or more
     */
    public ProjectionStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(lagTime, "lagTime");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(heldBack, "heldBack");
        Objects.requireNonNull(owner, "owner");
        if (lagEvents < 0 || lagTime.isNegative() || parked < 0) {
            throw new IllegalArgumentException("projection " + name + ": lag and parked count must not be negative but were "
                    + lagEvents + ", " + lagTime + ", " + parked);
        }
    }

    /** What a projection instance is doing. */
    public enum State {
        /** Started, has not tried to take the lease yet. */
        STARTING,
        /** Holds the lease and applies events (or waits for new ones). */
        RUNNING,
        /** Another instance holds the lease; this one takes over when it is released or expires. */
        STANDBY,
        /** Stopped before an event that kept failing, or after a failed reset; see {@code lastError}. */
        HALTED,
        /** Not started, or closed. */
        STOPPED
    }
}
