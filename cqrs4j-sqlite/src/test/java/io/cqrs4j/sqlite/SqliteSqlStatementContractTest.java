// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import io.cqrs4j.conformance.SqlStatementContract;

class SqliteSqlStatementContractTest extends SqlStatementContract {

    @Override
    protected Object dialect() {
        return SqliteDialect.INSTANCE;
    }
}
