// SPDX-License-Identifier: Apache-2.0
/**
 * Stores that keep everything in the process's memory: {@link io.cqrs4j.memory.InMemoryEventStore}
 * for tests and prototypes, and in-memory implementations of the persistence ports
 * ({@link io.cqrs4j.memory.InMemoryEventRepository}, {@link io.cqrs4j.memory.InMemoryViewRepository},
 * {@link io.cqrs4j.memory.InMemoryProjectionStore})
 * that serve as the conformance kit's reference backend.
 */
package io.cqrs4j.memory;
