// SPDX-License-Identifier: Apache-2.0
/**
 * Durable projections: read models fed from the store's global event order, each from its own
 * stored checkpoint, so that no update is lost when the process dies between commit and dispatch,
 * a view database is down, or a projection is added later.
 *
 * <p>{@link io.cqrs4j.projection.ProjectionRunner} runs one projection (a {@link io.cqrs4j.Query},
 * e.g. {@link io.cqrs4j.persist.GenericQuery#tracking}) with leases, retries, parking
 * ({@link io.cqrs4j.projection.FailurePolicy}) and a {@link io.cqrs4j.projection.ProjectionStatus}.
 * Backends implement two ports: {@link io.cqrs4j.projection.EventLog} (the events in a global
 * order, read so that none is ever skipped) and {@link io.cqrs4j.projection.ProjectionStore}
 * (checkpoints, leases with fencing tokens, parked events); the {@code memory} package has both.
 */
package io.cqrs4j.projection;
