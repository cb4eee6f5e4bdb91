// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

/** The defaults of {@link SqlDialect} with empty scripts, for tests that need a dialect and no database. */
class TestDialect implements SqlDialect {

    private final String name;

    TestDialect() {
        this("test");
    }

    TestDialect(String name) {
        this.name = name;
    }

    @Override
    public String databaseName() {
        return name;
    }

    @Override
    public String eventTablesScript() {
        return "";
    }

    @Override
    public String viewTableScript() {
        return "";
    }
}
