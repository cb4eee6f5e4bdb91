// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.demo.Options.SourceOfTruth;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The demo over HTTP on SQLite with {@code --aggregate-store}, in a database file of this class's own. */
class SqliteAggregateStoreBankServiceTest extends BankServiceContract {

    @TempDir
    static Path directory;

    @Override
    protected Storage openStorage() {
        return Stores.sqlite(directory.resolve("bank.db"), new SourceOfTruth.AggregateStore());
    }
}
