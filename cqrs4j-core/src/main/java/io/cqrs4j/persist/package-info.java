// SPDX-License-Identifier: Apache-2.0
/**
 * Persistence: the database port every backend implements ({@link io.cqrs4j.persist.PersistedEventRepository}),
 * the stored forms ({@link io.cqrs4j.persist.SerializedEvent}, {@link io.cqrs4j.persist.SerializedSnapshot}),
 * the serializer SPI, {@link io.cqrs4j.persist.PersistedEventStore} in its three modes, upcasters,
 * views ({@link io.cqrs4j.persist.ViewRepository}, {@link io.cqrs4j.persist.GenericQuery}) and
 * {@link io.cqrs4j.persist.QueryReplay}.
 */
package io.cqrs4j.persist;
