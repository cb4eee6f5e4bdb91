// SPDX-License-Identifier: Apache-2.0
/**
 * JDBC storage: {@link io.cqrs4j.jdbc.JdbcStorage} builds the event repository (events and
 * snapshots), view repositories, and for durable projections the event log and the projection
 * store, over a {@link javax.sql.DataSource}, and creates their tables;
 * {@link io.cqrs4j.jdbc.SqlDialect} is what a database module supplies, with its
 * {@link io.cqrs4j.jdbc.GlobalOrder} for the log; {@link io.cqrs4j.jdbc.EventTables} and
 * {@link io.cqrs4j.jdbc.ProjectionTables} name the tables.
 */
package io.cqrs4j.jdbc;
