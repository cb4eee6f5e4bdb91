// SPDX-License-Identifier: Apache-2.0
/**
 * cqrs4j on SQLite: one database file, the embedded default. A dialect and schema with the columns
 * of postgres-es, sqlite-jdbc, and a HikariCP pool that keeps the file in WAL mode, behind one
 * factory, {@link io.cqrs4j.sqlite.SqliteCqrs}.
 */
module io.cqrs4j.sqlite {
    requires transitive io.cqrs4j.jdbc;
    requires transitive com.zaxxer.hikari;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    exports io.cqrs4j.sqlite;
}
