// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.Metadata;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.postgres.BankAccount.Event.AccountOpened;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Against a port where nothing listens: every operation says the database cannot be reached. */
class PostgresConnectionFailureTest {

    private static int closedPort;
    private static PGSimpleDataSource unreachable;

    @BeforeAll
    static void find_a_closed_port() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        unreachable = new PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:" + closedPort + "/test");
        unreachable.setUser("postgres");
        unreachable.setConnectTimeout(5);
    }

    @Test
    void loading_from_an_unreachable_database_is_a_database_connection_error() {
        var store = PostgresCqrs.eventSourced(unreachable, JacksonEventSerializer.of(BankAccount::initial));

        assertThatThrownBy(() -> store.load("ACCT-1"))
                .isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining("PostgreSQL")
                .hasMessageContaining("account ACCT-1")
                .hasMessageContaining("check that the database is running");
    }

    @Test
    void committing_to_an_unreachable_database_is_a_database_connection_error() {
        var serializer = JacksonEventSerializer.of(BankAccount::initial);
        // a context as a load returned it before the database went away
        var context = PersistedEventStore.eventSourced(InMemoryEventRepository.create(), serializer).load("ACCT-1");
        var offline = PostgresCqrs.eventSourced(unreachable, serializer);

        assertThatThrownBy(() -> offline.commit(context, List.of(new AccountOpened("ACCT-1")), Metadata.empty()))
                .isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining("committing account ACCT-1 sequences 1..1");
    }

    @Test
    void updating_a_view_in_an_unreachable_database_is_a_database_connection_error() {
        var views = PostgresCqrs.viewRepository(unreachable, "account_query", JacksonViewSerializer.of(AccountView.class));

        assertThatThrownBy(() -> views.updateView(AccountView.empty(), ViewContext.newView("ACCT-1")))
                .isInstanceOf(DatabaseConnectionException.class);
        assertThatThrownBy(() -> views.load("ACCT-1")).isInstanceOf(DatabaseConnectionException.class);
    }

    @Test
    void a_pool_for_an_unreachable_database_is_a_database_connection_error() {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/test?connectTimeout=5";

        assertThatThrownBy(() -> PostgresCqrs.pool(url, "postgres", null))
                .isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort + "/test as postgres");
    }

    @Test
    void a_url_of_another_database_is_refused() {
        assertThatThrownBy(() -> PostgresCqrs.pool("jdbc:mysql://localhost/test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://host:5432/database");
    }
}
