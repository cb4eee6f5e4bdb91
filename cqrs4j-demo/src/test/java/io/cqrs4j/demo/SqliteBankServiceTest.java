// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo over HTTP on SQLite, the default store, in a database file of this class's own. */
class SqliteBankServiceTest extends BankServiceContract {

    @TempDir
    static Path directory;

    @Override
    protected Storage openStorage() {
        return Stores.sqlite(directory.resolve("bank.db"), new SourceOfTruth.EventSourced());
    }

    @Test
    void creates_the_database_file_and_its_directories_on_first_start() throws Exception {
        Path file = directory.resolve("fresh").resolve("data").resolve("bank.db");

        try (Storage fresh = Stores.sqlite(file, new SourceOfTruth.EventSourced());
             BankServer other = BankServer.start(fresh, new HappyPathBankAccountServices(), 0)) {
            new DemoClient(other.port()).post("ACCT-1", open("ACCT-1"));
        }

        assertThat(Files.isRegularFile(file)).isTrue();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet row = connection.createStatement().executeQuery(
                     "SELECT aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata FROM events")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("account");
            assertThat(row.getString(2)).isEqualTo("ACCT-1");
            assertThat(row.getLong(3)).isEqualTo(1);
            assertThat(row.getString(4)).isEqualTo("AccountOpened");
            assertThat(row.getString(5)).isEqualTo("1.0");
            assertThat(row.getString(6)).isEqualTo("{\"AccountOpened\":{\"account_id\":\"ACCT-1\"}}");
            assertThat(DemoClient.json(row.getString(7)).fieldNames()).toIterable()
                    .containsExactly("time", "uri", "User-Agent", "client_ip");
        }
    }
}
