// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import io.cqrs4j.conformance.SqlStatementContract;
import org.junit.jupiter.api.Nested;

/** The three MySQL/MariaDB dialects differ in their collation only; each is checked. */
class MysqlSqlStatementContractTest extends SqlStatementContract {

    @Override
    protected Object dialect() {
        return MysqlDialect.MYSQL_OR_MARIADB;
    }

    @Nested
    class ForMariaDb extends SqlStatementContract {
        @Override
        protected Object dialect() {
            return MysqlDialect.MARIADB;
        }
    }

    @Nested
    class ForMySql extends SqlStatementContract {
        @Override
        protected Object dialect() {
            return MysqlDialect.MYSQL;
        }
    }
}
