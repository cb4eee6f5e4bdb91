// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an events table has the {@code global_position} column, asked of the database once and
 * remembered: a table postgres-es or mysql-es created has not, until it is migrated. A failed
 * probe (no table yet) is not remembered. A table migrated while the process runs is seen after a
 * restart.
 */
final class PositionColumn {

    static final String NAME = "global_position";

    private static final Logger LOG = LoggerFactory.getLogger(PositionColumn.class);

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String table;
    private volatile Boolean present;

    PositionColumn(DataSource dataSource, SqlDialect dialect, String table) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = table;
        if (dialect.globalOrder().isEmpty()) {
            present = false;
        }
    }

    /** Whether the table has the column; probed on a connection of its own, never a joined one. */
    boolean present() {
        Boolean known = present;
        if (known != null) {
            return known;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            boolean found = hasColumn(rows.getMetaData());
            present = found;
            if (!found) {
                LOG.info("{}: table {} has no {} column (a table of the Rust crates, not migrated); events read"
                        + " from it carry no global position and durable projections cannot read it until its"
                        + " migration script runs", dialect.databaseName(), table, NAME);
            }
            return found;
        } catch (SQLException e) {
            LOG.debug("{}: could not probe the columns of {} ({})", dialect.databaseName(), table, SqlErrors.describe(e));
            return false;
        }
    }

    private static boolean hasColumn(ResultSetMetaData columns) throws SQLException {
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            if (NAME.equalsIgnoreCase(columns.getColumnLabel(i))) {
                return true;
            }
        }
        return false;
    }
}
