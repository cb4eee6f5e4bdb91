// SPDX-License-Identifier: Apache-2.0
/**
 * cqrs4j on MySQL 8 and MariaDB: a dialect and schema drop-in compatible with mysql-es, MariaDB
 * Connector/J, and a HikariCP pool helper, behind one factory, {@link io.cqrs4j.mysql.MysqlCqrs}.
 */
module io.cqrs4j.mysql {
    requires transitive io.cqrs4j.jdbc;
    requires transitive com.zaxxer.hikari;
    requires org.mariadb.jdbc;
    requires org.slf4j;

    exports io.cqrs4j.mysql;
}
