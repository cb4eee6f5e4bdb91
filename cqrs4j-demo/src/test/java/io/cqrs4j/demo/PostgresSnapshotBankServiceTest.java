// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.Options.SourceOfTruth;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo over HTTP on PostgreSQL with {@code --snapshot-every 3}, in a schema of this class's own. */
class PostgresSnapshotBankServiceTest extends BankServiceContract {

    private static TestPostgres database;

    @BeforeAll
    static void create_the_schema() throws Exception {
        database = new TestPostgres();
    }

    @AfterAll
    static void drop_the_schema() throws Exception {
        database.close();
    }

    @Override
    protected Storage openStorage() {
        return Stores.postgres(database.demoUrl(), new SourceOfTruth.Snapshots(3));
    }

    @Test
    void writes_a_snapshot_of_the_account_at_sequence_3() throws Exception {
        String accountId = walkThroughTheCqrsDemoScript(newAccountId());

        String snapshot;
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT last_sequence, payload::text FROM snapshots WHERE aggregate_type = 'account' AND aggregate_id = ?")) {
            select.setString(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isEqualTo(3);
                snapshot = row.getString(2);
            }
        }

        assertThat(DemoClient.json(snapshot).get("balance").decimalValue()).isEqualByComparingTo("600.0");
    }
}
