// SPDX-License-Identifier: Apache-2.0
/**
 * JDBC storage: {@link io.cqrs4j.jdbc.JdbcStorage} builds the event repository (events and
 * snapshots) and view repositories over a {@link javax.sql.DataSource} and creates their tables;
 * {@link io.cqrs4j.jdbc.SqlDialect} is what a database module supplies; {@link io.cqrs4j.jdbc.EventTables}
 * names the tables.
 */
package io.cqrs4j.jdbc;
