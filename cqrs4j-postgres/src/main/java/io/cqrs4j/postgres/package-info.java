// SPDX-License-Identifier: Apache-2.0
/**
 * PostgreSQL storage: {@link io.cqrs4j.postgres.PostgresCqrs} builds the event stores in their three
 * modes, the event and view repositories, the event log and projection store of durable
 * projections, a connection pool, and the postgres-es schema with the global-order columns.
 */
package io.cqrs4j.postgres;
