// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Small JDBC helpers for the targets' setup statements. */
final class Jdbc {

    private Jdbc() {
    }

    /** Runs {@code sql} statements on one connection, in auto-commit. */
    static void execute(DataSource pool, String... sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("setup statement failed (" + String.join("; ", sql) + "): " + e.getMessage(), e);
        }
    }

    /** The first row of {@code sql}, its columns joined by {@code ", "}; the error's text when it fails. */
    static String firstRow(DataSource pool, String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                return "";
            }
            var text = new StringBuilder();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                text.append(i == 1 ? "" : ", ").append(rows.getString(i));
            }
            return text.toString();
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
