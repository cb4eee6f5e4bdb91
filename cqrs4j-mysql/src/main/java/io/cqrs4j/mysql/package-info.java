// SPDX-License-Identifier: Apache-2.0
/**
 * MySQL and MariaDB storage: {@link io.cqrs4j.mysql.MysqlCqrs} builds the event stores in their
 * three modes, the event and view repositories, a connection pool, and the mysql-es schema.
 */
package io.cqrs4j.mysql;
