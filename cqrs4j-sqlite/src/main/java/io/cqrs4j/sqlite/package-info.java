// SPDX-License-Identifier: Apache-2.0
/**
 * SQLite storage: {@link io.cqrs4j.sqlite.SqliteCqrs} opens a database file as a connection pool
 * and builds the event stores in their three modes, the event and view repositories, and the schema.
 */
package io.cqrs4j.sqlite;
