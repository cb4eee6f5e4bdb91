// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where projections keep their state: checkpoints, leases and parked events. Thread-safe; all
 * times are the store's clock, never a process's, so that instances on different hosts agree.
 */
public interface ProjectionStore {

    /**
     * Claims the projection's lease for {@code owner}, or renews it when {@code owner} holds it.
     * A new holder gets a greater fencing token than any before.
     *
     * @param projection the projection's name
     * @param owner this instance's id
     * @param ttl how long the lease lasts unless renewed
     * @return the lease, or empty while another owner holds an unexpired one
     */
    Optional<Lease> acquire(String projection, String owner, Duration ttl);

    /**
     * Gives the lease up, so another instance may take over at once. Does nothing when the lease
     * was already taken over.
     *
     * @param lease the lease
     */
    void release(Lease lease);

    /**
     * The projection's checkpoint.
     *
     * @param projection the projection's name
     * @return the last position it completed, {@link LogPosition#START} when none
     */
    LogPosition checkpoint(String projection);

    /**
     * Moves the checkpoint, only while {@code lease} is the current one.
     *
     * @param lease the lease held
     * @param position the last position completed
     * @throws LeaseLostException when the lease's token is no longer current
     */
    void saveCheckpoint(Lease lease, LogPosition position);

    /**
     * Runs {@code work} (the projection's update for a batch) and moves the checkpoint, atomically
     * where the store can: a store that shares a transaction with the view commits both together
     * (exactly-once effect). The default runs the work, then saves the checkpoint (at-least-once).
     *
     * @param lease the lease held
     * @param position the last position the batch holds
     * @param work the update
     * @throws LeaseLostException when the lease's token is no longer current
     */
    default void applyAndCheckpoint(Lease lease, LogPosition position, Runnable work) {
        work.run();
        saveCheckpoint(lease, position);
    }

    /**
     * Sets an event aside after its retries failed.
     *
     * @param parked the event and its error
     */
    void park(ParkedEvent parked);

    /**
     * The projection's parked events, oldest first.
     *
     * @param projection the projection's name
     * @return the parked events
     */
    List<ParkedEvent> parked(String projection);

    /**
     * Removes a parked event (after it was retried successfully, or given up).
     *
     * @param projection the projection's name
     * @param position the event's position
     */
    void unpark(String projection, LogPosition position);

    /**
     * Sets the checkpoint back to the start and forgets parked events, for a rebuild.
     *
     * @param projection the projection's name
     */
    void reset(String projection);
}
