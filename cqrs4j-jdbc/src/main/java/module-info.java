// SPDX-License-Identifier: Apache-2.0
/**
 * cqrs4j on JDBC: one implementation of the event, snapshot and view repositories over a
 * {@link javax.sql.DataSource}, for any database that a {@link io.cqrs4j.jdbc.SqlDialect} describes.
 * Database modules (PostgreSQL, MySQL/MariaDB, SQLite) add a dialect, a schema script and a factory.
 */
module io.cqrs4j.jdbc {
    requires transitive io.cqrs4j.core;
    requires transitive java.sql;
    requires org.slf4j;

    exports io.cqrs4j.jdbc;
}
