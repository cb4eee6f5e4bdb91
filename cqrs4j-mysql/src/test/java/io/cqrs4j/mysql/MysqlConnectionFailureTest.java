// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

class MysqlConnectionFailureTest {

    /** Nothing listens on port 1: connections are refused at once. */
    private static final String NOWHERE = "jdbc:mariadb://127.0.0.1:1/test?connectTimeout=2000";

    @Test
    void a_pool_to_a_server_that_is_not_there_is_a_connection_error_naming_it() {
        assertThatThrownBy(() -> MysqlCqrs.pool(NOWHERE, "root", ""))
                .isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining("jdbc:mariadb://127.0.0.1:1/test")
                .hasMessageNotContaining("connectTimeout")
                .hasMessageContaining("check that the server is running");
    }

    @Test
    void reads_and_writes_on_a_data_source_whose_server_is_gone_are_connection_errors() throws SQLException {
        var dataSource = new MariaDbDataSource(NOWHERE);
        PersistedEventRepository repository = MysqlCqrs.eventRepository(dataSource);
        var event = new SerializedEvent("account", "ACCT-1", 1, "AccountOpened", "1.0", "{}", "{}");
        var views = MysqlCqrs.viewRepository(dataSource, "account_view", JacksonViewSerializer.of(AccountView.class));

        assertThatThrownBy(() -> repository.getEvents("account", "ACCT-1")).isInstanceOf(DatabaseConnectionException.class);
        assertThatThrownBy(() -> repository.persist(List.of(event), null)).isInstanceOf(DatabaseConnectionException.class);
        assertThatThrownBy(() -> views.load("ACCT-1")).isInstanceOf(DatabaseConnectionException.class);
        assertThatThrownBy(() -> MysqlCqrs.createSchema(dataSource)).isInstanceOf(DatabaseConnectionException.class);
    }

    @Test
    void a_url_of_another_database_is_refused_before_connecting() {
        assertThatThrownBy(() -> MysqlCqrs.pool("jdbc:postgresql://127.0.0.1:5432/test", "root", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mariadb://host:3306/database");
    }

    @Test
    void a_mysql_url_is_read_as_a_mariadb_one() {
        String url = TestMariaDb.URL.replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");

        try (var database = TestMariaDb.create(); var pool = MysqlCqrs.pool(url, TestMariaDb.USER, TestMariaDb.PASSWORD)) {
            String table = database.table("view");
            MysqlCqrs.createViewTable(pool, table);

            assertThat(MysqlCqrs.viewRepository(pool, table, JacksonViewSerializer.of(AccountView.class)).load("ACCT-1"))
                    .isEmpty();
        }
    }
}
