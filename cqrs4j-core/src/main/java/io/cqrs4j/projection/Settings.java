// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Clock;
import java.time.Duration;

/**
 * A projection runner's configuration, as its builder collected it.
 *
 * @param name the projection's name
 * @param owner this instance's lease owner id
 * @param log where the events come from
 * @param store where checkpoint, lease and parked events live
 * @param projector the typed decoding and dispatch
 * @param batchSize the most events read at once
 * @param pollInterval the longest wait for new events, and between lease attempts
 * @param leaseTtl how long a lease lasts unless renewed
 * @param attempts how many times one event is tried on its own before it is parked
 * @param backoff the pauses between attempts
 * @param policy what happens after an event is parked
 * @param clock for parking times and lag in time
 * @param onReset clears the read model before a rebuild
 */
record Settings(String name, String owner, EventLog log, ProjectionStore store, Projector<?> projector,
                int batchSize, Duration pollInterval, Duration leaseTtl, int attempts, Backoff backoff,
                FailurePolicy policy, Clock clock, Runnable onReset) {
}
