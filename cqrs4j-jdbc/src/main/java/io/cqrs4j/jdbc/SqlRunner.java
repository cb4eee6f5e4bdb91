// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.AggregateConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs one statement on its own connection (auto-commit) and translates its errors; joins the
 * transaction a projection bound to this thread for the same data source instead, unless built
 * not to.
 */
final class SqlRunner {

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads a result set into a value. */
    @FunctionalInterface
    interface RowsReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final DataSource dataSource;
    private final SqlErrors errors;
    private final boolean joinsTransactions;

    SqlRunner(DataSource dataSource, SqlDialect dialect) {
        this(dataSource, dialect, true);
    }

    /** A runner that joins a bound transaction only when {@code joinsTransactions}. */
    SqlRunner(DataSource dataSource, SqlDialect dialect, boolean joinsTransactions) {
        this.dataSource = dataSource;
        this.errors = new SqlErrors(dialect);
        this.joinsTransactions = joinsTransactions;
    }

    DataSource dataSource() {
        return dataSource;
    }

    SqlErrors errors() {
        return errors;
    }

    /** A connection: the bound transaction's, when this thread has one for the data source, else a new one. */
    Connection connect(String doing) {
        Connection bound = joinsTransactions ? BoundTransaction.joinable(dataSource) : null;
        return bound != null ? bound : errors.connect(dataSource, doing);
    }

    /** Runs a query; {@code doing} says what for, in error messages. */
    <T> T query(String doing, String sql, Binder binder, RowsReader<T> reader) {
        try (Connection connection = connect(doing);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw errors.translate(e, doing);
        }
    }

    /** Runs an insert or update and returns the rows it changed; a duplicate key becomes {@code conflict}'s. */
    int update(String doing, String sql, Binder binder, Function<SQLException, AggregateConflictException> conflict) {
        try (Connection connection = connect(doing);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw errors.translate(e, doing, conflict);
        }
    }
}
