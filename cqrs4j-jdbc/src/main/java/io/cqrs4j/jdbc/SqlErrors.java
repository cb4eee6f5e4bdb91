// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsException;
import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.UnexpectedException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/** Turns driver exceptions into the {@link CqrsException} family, asking the dialect what each one is. */
final class SqlErrors {

    private static final int MAX_CHAIN = 32;
    private static final int MAX_MESSAGE = 400;

    /** What a failed statement means for the caller. */
    enum Kind { CONNECTION, CONFLICT, OTHER }

    private final SqlDialect dialect;

    SqlErrors(SqlDialect dialect) {
        this.dialect = dialect;
    }

    String databaseName() {
        return dialect.databaseName();
    }

    /** A connection from {@code dataSource}; any failure to get one is a connection failure. */
    Connection connect(DataSource dataSource, String doing) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseConnectionException(dialect.databaseName() + ": cannot get a connection for "
                    + doing + " (" + describe(e) + "); check that the database is running and reachable and"
                    + " that the URL, user and password are right, then retry", e);
        }
    }

    Kind classify(SQLException error) {
        boolean conflict = false;
        for (SQLException each : chain(error)) {
            if (isConnectionFailure(each)) {
                return Kind.CONNECTION;
            }
            conflict |= dialect.isDuplicateKey(each) || dialect.isTransactionConflict(each);
        }
        return conflict ? Kind.CONFLICT : Kind.OTHER;
    }

    private boolean isConnectionFailure(SQLException error) {
        String state = error.getSQLState();
        return (state != null && state.startsWith("08"))
                || error instanceof SQLTransientConnectionException
                || error instanceof SQLNonTransientConnectionException
                || error instanceof SQLRecoverableException
                || dialect.isConnectionFailure(error);
    }

    /** An error of a read or of a write that cannot conflict. */
    CqrsException translate(SQLException error, String doing) {
        return translate(error, doing, null);
    }

    /**
     * The exception to throw for {@code error}, which happened while {@code doing}; a duplicate key
     * or a transaction conflict becomes what {@code conflict} makes of it, when given.
     */
    CqrsException translate(SQLException error, String doing, Function<SQLException, AggregateConflictException> conflict) {
        return switch (classify(error)) {
            case CONNECTION -> new DatabaseConnectionException(dialect.databaseName() + ": the connection failed while "
                    + doing + " (" + describe(error) + "); check that the database is reachable, then retry", error);
            case CONFLICT -> conflict != null ? conflict.apply(error) : unexpected(error, doing);
            case OTHER -> unexpected(error, doing);
        };
    }

    private UnexpectedException unexpected(SQLException error, String doing) {
        return new UnexpectedException(dialect.databaseName() + ": " + doing + " failed (" + describe(error)
                + "); check that the table exists with the columns of the dialect's schema script", error);
    }

    /** SQLState and message, shortened: drivers may quote a whole batch, payloads included. */
    static String describe(SQLException error) {
        String state = error.getSQLState() == null ? "" : "SQLState " + error.getSQLState() + ": ";
        SQLException next = error.getNextException();
        String more = next != null && next.getMessage() != null && !next.getMessage().equals(error.getMessage())
                ? "; " + shorten(next.getMessage()) : "";
        return state + shorten(error.getMessage()) + more;
    }

    private static String shorten(String message) {
        return message == null || message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }

    /** The exception, the ones chained with {@code getNextException}, and their causes. */
    private static List<SQLException> chain(SQLException error) {
        var found = new ArrayList<SQLException>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        var pending = new ArrayList<Throwable>(List.of(error));
        while (!pending.isEmpty() && found.size() < MAX_CHAIN) {
            Throwable current = pending.removeFirst();
            if (current == null || !seen.add(current)) {
                continue;
            }
            if (current instanceof SQLException sql) {
                found.add(sql);
                pending.add(sql.getNextException());
            }
            pending.add(current.getCause());
        }
        return found;
    }
}
