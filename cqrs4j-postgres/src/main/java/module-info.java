// SPDX-License-Identifier: Apache-2.0
/**
 * cqrs4j on PostgreSQL: a dialect and schema drop-in compatible with postgres-es, pgjdbc, and a
 * HikariCP pool helper, behind one factory, {@link io.cqrs4j.postgres.PostgresCqrs}.
 */
module io.cqrs4j.postgres {
    requires transitive io.cqrs4j.jdbc;
    requires transitive com.zaxxer.hikari;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports io.cqrs4j.postgres;
}
