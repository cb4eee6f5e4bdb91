// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.UnexpectedException;
import io.cqrs4j.projection.Lease;
import io.cqrs4j.projection.LeaseLostException;
import io.cqrs4j.projection.LogPosition;
import io.cqrs4j.projection.ParkedEvent;
import io.cqrs4j.projection.ProjectionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Checkpoints, leases and parked events in three tables, over JDBC.
 *
 * <p>A lease is claimed or renewed in one statement ({@link SqlDialect#claimLease}) judged on the
 * database's clock. When the claim hands out a new token, the token is also written into the
 * checkpoint row (the fence) before the lease is returned; a checkpoint write then succeeds only
 * with that token ({@code UPDATE ... WHERE token = ?}), so an instance whose lease was taken over
 * can no longer move the checkpoint. The fence and the checkpoint writes take the checkpoint
 * row's lock, which orders a takeover after any checkpoint transaction still running.
 *
 * <p>{@link #applyAndCheckpoint} runs the work in one transaction bound to the thread: the
 * repositories of this module built on the same data source join it, so a view in this database
 * and the checkpoint commit together or not at all.
 *
 * <p>{@link #reset} moves the checkpoint back and forgets parked events in one transaction,
 * without touching the lease: it is meant for the lease holder (the runner resets only while it
 * holds the lease), like the in-memory store.
 */
final class JdbcProjectionStore implements ProjectionStore {

    private static final int MAX_NAME = 200;

    private final DataSource dataSource;
    private final SqlRunner runner;
    private final SqlErrors errors;
    private final ProjectionTables tables;
    private final ProjectionStatements sql;
    private final ParkedEvents parkedEvents;
    /** The token this store last fenced for each projection and owner: a renewal with it needs no fence. */
    private final Map<String, Long> fenced = new ConcurrentHashMap<>();

    JdbcProjectionStore(DataSource dataSource, SqlDialect dialect, ProjectionTables tables) {
        this.dataSource = dataSource;
        this.runner = new SqlRunner(dataSource, dialect, false);
        this.errors = runner.errors();
        this.tables = tables;
        this.sql = new ProjectionStatements(dialect, tables);
        this.parkedEvents = new ParkedEvents(runner, sql, tables);
    }

    @Override
    public Optional<Lease> acquire(String projection, String owner, Duration ttl) {
        checkName("projection", projection);
        checkName("owner", owner);
        long ttlMillis = Objects.requireNonNull(ttl, "ttl").toMillis();
        if (ttlMillis < 1) {
            throw new IllegalArgumentException("projection " + projection + ": a lease lasts at least 1 ms, not " + ttl);
        }
        String doing = "claiming the lease of projection " + projection + " for " + owner + " in " + tables.leases();
        String key = projection + '\u0000' + owner;
        try (Connection connection = runner.connect(doing)) {
            Optional<Lease> lease = claim(connection, projection, owner, ttlMillis);
            if (lease.isEmpty()) {
                fenced.remove(key);
                return lease;
            }
            long token = lease.get().token();
            if (!Long.valueOf(token).equals(fenced.get(key))) {
                if (!fence(connection, projection, token)) {
                    fenced.remove(key);
                    return Optional.empty();
                }
                fenced.put(key, token);
            }
            return lease;
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
    }

    private Optional<Lease> claim(Connection connection, String projection, String owner, long ttlMillis)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(sql.claimLease)) {
            claim.setString(1, projection);
            claim.setString(2, owner);
            claim.setString(3, projection);
            claim.setLong(4, ttlMillis);
            if (claim.execute()) {
                try (ResultSet rows = claim.getResultSet()) {
                    return rows.next()
                            ? Optional.of(new Lease(projection, owner, rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2))))
                            : Optional.empty();
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement(sql.selectLease)) {
            select.setString(1, projection);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && owner.equals(rows.getString(1))
                        ? Optional.of(new Lease(projection, owner, rows.getLong(2), Instant.ofEpochMilli(rows.getLong(3))))
                        : Optional.empty();
            }
        }
    }

    /** Writes a new token into the checkpoint row; false when a newer token is already there. */
    private boolean fence(Connection connection, String projection, long token) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (PreparedStatement update = connection.prepareStatement(sql.fenceCheckpoint)) {
                update.setLong(1, token);
                update.setString(2, projection);
                update.setLong(3, token);
                if (update.executeUpdate() == 1) {
                    return true;
                }
            }
            OptionalToken current = currentToken(connection, projection);
            if (current.present()) {
                return current.token() == token;
            }
            try (PreparedStatement insert = connection.prepareStatement(sql.insertCheckpoint)) {
                insert.setString(1, projection);
                insert.setLong(2, token);
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (attempt > 0 || errors.classify(e) != SqlErrors.Kind.CONFLICT) {
                    throw e;
                }
                // another instance created the row at the same moment: compare tokens again
            }
        }
    }

    @Override
    public void release(Lease lease) {
        fenced.remove(lease.projection() + '\u0000' + lease.owner());
        runner.update("releasing the lease of projection " + lease.projection() + " held by " + lease.owner(),
                sql.releaseLease, statement -> {
                    statement.setString(1, lease.projection());
                    statement.setString(2, lease.owner());
                    statement.setLong(3, lease.token());
                }, null);
    }

    @Override
    public LogPosition checkpoint(String projection) {
        checkName("projection", projection);
        return runner.query("reading the checkpoint of projection " + projection + " from " + tables.checkpoints(),
                sql.selectCheckpoint, statement -> statement.setString(1, projection),
                rows -> rows.next() ? new LogPosition(rows.getLong(1), rows.getLong(2)) : LogPosition.START);
    }

    @Override
    public void saveCheckpoint(Lease lease, LogPosition position) {
        Objects.requireNonNull(position, "position");
        String doing = "moving the checkpoint of projection " + lease.projection() + " to " + position;
        try (Connection connection = runner.connect(doing)) {
            if (moveCheckpoint(connection, lease, position) == 0) {
                throw leaseLost(connection, lease);
            }
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
    }

    @Override
    public void applyAndCheckpoint(Lease lease, LogPosition position, Runnable work) {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(work, "work");
        String doing = "applying a batch of projection " + lease.projection() + " up to " + position;
        try (Connection connection = errors.connect(dataSource, doing)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (BoundTransaction bound = BoundTransaction.bind(dataSource, connection)) {
                // the fenced write comes first: it fails fast on a lost lease and locks the row until commit
                if (moveCheckpoint(connection, lease, position) == 0) {
                    throw leaseLost(connection, lease);
                }
                work.run();
                if (bound.rollbackOnly()) {
                    throw new UnexpectedException(errors.databaseName() + ": " + doing + ": a repository rolled the"
                            + " shared transaction back and the work went on; nothing of the batch was kept", null);
                }
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
    }

    private int moveCheckpoint(Connection connection, Lease lease, LogPosition position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.saveCheckpoint)) {
            update.setLong(1, position.transaction());
            update.setLong(2, position.position());
            update.setString(3, lease.projection());
            update.setLong(4, lease.token());
            return update.executeUpdate();
        }
    }

    private LeaseLostException leaseLost(Connection connection, Lease lease) throws SQLException {
        OptionalToken current = currentToken(connection, lease.projection());
        return new LeaseLostException(lease, current.present() ? current.token() : 0);
    }

    private OptionalToken currentToken(Connection connection, String projection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.selectToken)) {
            select.setString(1, projection);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new OptionalToken(true, rows.getLong(1)) : new OptionalToken(false, 0);
            }
        }
    }

    private static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void park(ParkedEvent parked) {
        checkName("projection", parked.projection());
        parkedEvents.park(parked);
    }

    @Override
    public List<ParkedEvent> parked(String projection) {
        checkName("projection", projection);
        return parkedEvents.list(projection);
    }

    @Override
    public void unpark(String projection, LogPosition position) {
        checkName("projection", projection);
        parkedEvents.remove(projection, position);
    }

    @Override
    public void reset(String projection) {
        checkName("projection", projection);
        String doing = "resetting projection " + projection;
        try (Connection connection = runner.connect(doing)) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (String statement : List.of(sql.resetCheckpoint, sql.deleteAllParked)) {
                    try (PreparedStatement update = connection.prepareStatement(statement)) {
                        update.setString(1, projection);
                        update.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
    }

    private static void checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException(what + " name must be 1 to " + MAX_NAME + " characters, not blank, but was '"
                    + (name.length() > MAX_NAME ? name.substring(0, 40) + "…' (" + name.length() + " characters)" : name + "'"));
        }
    }

    /** A token read from the checkpoint row, which may not exist. */
    private record OptionalToken(boolean present, long token) {
    }
}
