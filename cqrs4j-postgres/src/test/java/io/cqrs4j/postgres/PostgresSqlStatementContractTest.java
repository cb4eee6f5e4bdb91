// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.conformance.SqlStatementContract;

class PostgresSqlStatementContractTest extends SqlStatementContract {

    @Override
    protected Object dialect() {
        return PostgresDialect.INSTANCE;
    }
}
