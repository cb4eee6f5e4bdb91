// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import io.cqrs4j.AggregateConflictException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/** Runs one statement on its own connection (auto-commit) and translates its errors. */
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

    SqlRunner(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.errors = new SqlErrors(dialect);
    }

    SqlErrors errors() {
        return errors;
    }

    Connection connect(String doing) {
        return errors.connect(dataSource, doing);
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
