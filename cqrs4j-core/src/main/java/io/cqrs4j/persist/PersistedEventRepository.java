// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The database port every backend implements: read and append serialized events and snapshots.
 *
 * <p>Implementations are thread-safe and report failures with the {@link io.cqrs4j.CqrsException}
 * family: {@link io.cqrs4j.AggregateConflictException} when a sequence or snapshot version was
 * taken, {@link io.cqrs4j.DatabaseConnectionException} when the database cannot be reached,
 * {@link io.cqrs4j.UnexpectedException} otherwise. The conformance kit defines the behaviour.
 */
public interface PersistedEventRepository {

    /**
     * All events of one aggregate, in sequence order.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @return the events, empty when there are none
     */
    List<SerializedEvent> getEvents(String aggregateType, String aggregateId);

    /**
     * The events of one aggregate after {@code afterSequence}, in sequence order.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @param afterSequence read events with a greater sequence
     * @return the events, empty when there are none
     */
    List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence);

    /**
     * The aggregate's snapshot.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @return the snapshot, or empty when none was written
     */
    Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId);

    /**
     * The aggregate's snapshot and the events after it, as one consistent read where the backend
     * can (one statement on the JDBC backends); by default {@link #getSnapshot} and then
     * {@link #getLastEvents} (or {@link #getEvents} without a snapshot).
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @return the snapshot, if any, and the events after it
     */
    default SnapshotAndEvents getSnapshotAndEvents(String aggregateType, String aggregateId) {
        Optional<SerializedSnapshot> snapshot = getSnapshot(aggregateType, aggregateId);
        return new SnapshotAndEvents(snapshot.orElse(null), snapshot.isPresent()
                ? getLastEvents(aggregateType, aggregateId, snapshot.get().lastSequence())
                : getEvents(aggregateType, aggregateId));
    }

    /**
     * Appends events of one aggregate and, optionally, replaces its snapshot, in one transaction:
     * all of it is written or nothing is.
     *
     * <p>The events have contiguous sequences; when one of them is taken the commit fails with
     * {@link io.cqrs4j.AggregateConflictException}. A snapshot with version {@code v} is written
     * only where the stored one has version {@code v - 1} (or none exists when {@code v} is 1);
     * otherwise that is a conflict too.
     *
     * @param events the events of one aggregate, not empty
     * @param snapshot the aggregate's new snapshot, or null to leave the snapshot as it is
     */
    void persist(List<SerializedEvent> events, SerializedSnapshot snapshot);

    /**
     * Streams one aggregate's events in sequence order, holding a bounded number in memory. A read
     * error is thrown from the stream, never taken for its end. Close the stream.
     *
     * @param aggregateType the aggregate type
     * @param aggregateId the id
     * @return the events
     */
    Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId);

    /**
     * Streams every event of one aggregate type, each aggregate's in sequence order, holding a
     * bounded number in memory, reading no other type's events. A read error is thrown from the
     * stream. Close the stream.
     *
     * @param aggregateType the aggregate type
     * @return the events
     */
    Stream<SerializedEvent> streamAllEvents(String aggregateType);
}
