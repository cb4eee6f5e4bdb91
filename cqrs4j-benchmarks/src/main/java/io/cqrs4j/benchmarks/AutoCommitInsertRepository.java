// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A prototype of a change proposed for cqrs4j-jdbc's {@code JdbcEventRepository.persist}: a commit
 * of one event without a snapshot is one INSERT in auto-commit (atomic on its own, one round
 * trip) instead of {@code setAutoCommit(false)}, the insert, and {@code commit()} (two round
 * trips). Everything else goes to the real repository. It also skips what cqrs4j-postgres adds
 * after each commit (its commit notifier's {@code pg_notify} transaction), so its figures bound
 * what both changes buy together. Measured with {@code --modes es-autocommit,es-cache-autocommit,es-lean};
 * not part of the default comparisons.
 */
final class AutoCommitInsertRepository implements PersistedEventRepository {

    private final PersistedEventRepository delegate;
    private final SqlTarget target;
    private final String insert;

    AutoCommitInsertRepository(PersistedEventRepository delegate, SqlTarget target, EventTables tables) {
        this.delegate = delegate;
        this.target = target;
        this.insert = new RawSql(target, tables).insertEvent;
    }

    @Override
    public void persist(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        if (events.size() != 1 || snapshot != null) {
            delegate.persist(events, snapshot);
            return;
        }
        SerializedEvent event = events.getFirst();
        try (Connection connection = target.pool().getConnection();
             PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, event.aggregateType());
            statement.setString(2, event.aggregateId());
            statement.setLong(3, event.sequence());
            statement.setString(4, event.eventType());
            statement.setString(5, event.eventVersion());
            target.setJson(statement, 6, event.payload());
            target.setJson(statement, 7, event.metadata());
            statement.executeUpdate();
        } catch (SQLException e) {
            if (target.isConflict(e)) {
                throw new AggregateConflictException(event.aggregateType(), event.aggregateId(), event.sequence() - 1,
                        -1, e);
            }
            throw new IllegalStateException("insert of " + event.describe() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<SerializedEvent> getEvents(String aggregateType, String aggregateId) {
        return delegate.getEvents(aggregateType, aggregateId);
    }

    @Override
    public List<SerializedEvent> getLastEvents(String aggregateType, String aggregateId, long afterSequence) {
        return delegate.getLastEvents(aggregateType, aggregateId, afterSequence);
    }

    @Override
    public Optional<SerializedSnapshot> getSnapshot(String aggregateType, String aggregateId) {
        return delegate.getSnapshot(aggregateType, aggregateId);
    }

    @Override
    public Stream<SerializedEvent> streamEvents(String aggregateType, String aggregateId) {
        return delegate.streamEvents(aggregateType, aggregateId);
    }

    @Override
    public Stream<SerializedEvent> streamAllEvents(String aggregateType) {
        return delegate.streamAllEvents(aggregateType);
    }
}
