// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import io.cqrs4j.persist.SnapshotAndEvents;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The JDBC event repository, notifying listeners of the event log after every commit. */
final class NotifyingEventRepository implements PersistedEventRepository {

    private final PersistedEventRepository repository;
    private final CommitNotifier notifier;

    NotifyingEventRepository(PersistedEventRepository repository, CommitNotifier notifier) {
        this.repository = repository;
        this.notifier = notifier;
    }

    @Override
    public List<SerializedEvent> getEvents(String aggregateType, String aggregateId) {
        return repository.getEvents(aggregateType, aggregateId);
    }

    @Override
    public List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence) {
        return repository.getLastEvents(aggregateType, aggregateId, afterSequence);
    }

    @Override
    public Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId) {
        return repository.getSnapshot(aggregateType, aggregateId);
    }

    @Override
    public SnapshotAndEvents getSnapshotAndEvents(String aggregateType, String aggregateId) {
        return repository.getSnapshotAndEvents(aggregateType, aggregateId);
    }

    @Override
    public void persist(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        repository.persist(events, snapshot);
        notifier.committed();
    }

    @Override
    public Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId) {
        return repository.streamEvents(aggregateType, aggregateId);
    }

    @Override
    public Stream<SerializedEvent> streamAllEvents(String aggregateType) {
        return repository.streamAllEvents(aggregateType);
    }
}
