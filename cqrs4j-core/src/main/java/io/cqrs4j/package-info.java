// SPDX-License-Identifier: Apache-2.0
/**
 * What a user touches every day: {@link io.cqrs4j.Aggregate}, {@link io.cqrs4j.DomainEvent},
 * {@link io.cqrs4j.Metadata}, {@link io.cqrs4j.EventEnvelope}, {@link io.cqrs4j.CqrsFramework},
 * {@link io.cqrs4j.EventStore}, {@link io.cqrs4j.Query}, {@link io.cqrs4j.View} and the
 * {@link io.cqrs4j.CqrsException} family.
 *
 * <p>Sub-packages: {@code memory} (in-memory stores), {@code persist} (the database port every
 * backend implements, snapshots, upcasters, views) and {@code testing} (given/when/then).
 */
package io.cqrs4j;
