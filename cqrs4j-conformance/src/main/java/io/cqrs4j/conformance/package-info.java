// SPDX-License-Identifier: Apache-2.0
/**
 * The conformance kit: abstract JUnit 5 suites that define how every backend behaves. A backend's
 * test is a few lines that extend a suite and create the thing under test:
 *
 * <ul>
 *   <li>{@link io.cqrs4j.conformance.EventRepositoryContract}: a {@link io.cqrs4j.persist.PersistedEventRepository};</li>
 *   <li>{@link io.cqrs4j.conformance.ViewRepositoryContract}: a {@link io.cqrs4j.persist.ViewRepository};</li>
 *   <li>{@link io.cqrs4j.conformance.EventStoreContract}: an {@link io.cqrs4j.EventStore} of the test domain;</li>
 *   <li>{@link io.cqrs4j.conformance.PersistedEventStoreContract}: the three modes of
 *       {@link io.cqrs4j.persist.PersistedEventStore} over a repository.</li>
 * </ul>
 *
 * <p>The suites use a fresh aggregate id (and, where a test reads a whole aggregate type, a fresh
 * aggregate type) in every test, so they can share one database and run again on it. The test
 * domain, {@link io.cqrs4j.conformance.Tally}, has an {@code apply} that is not idempotent, so an
 * event applied twice or skipped shows in the state.
 */
package io.cqrs4j.conformance;
