// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.postgres.AccountView.LedgerEntry;
import io.cqrs4j.postgres.BankAccount.Command.DepositMoney;
import io.cqrs4j.postgres.BankAccount.Command.OpenAccount;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresViewRepositoryTest {

    private static TestDatabase database;
    private static String table;
    private static ViewRepository<AccountView> views;

    private final String id = "ACCT-" + UUID.randomUUID();

    @BeforeAll
    static void create_the_view_table() {
        database = TestDatabase.forClass(PostgresViewRepositoryTest.class);
        table = database.table("account_query");
        PostgresCqrs.createViewTable(database.dataSource(), table);
        views = PostgresCqrs.viewRepository(database.dataSource(), table, JacksonViewSerializer.of(AccountView.class));
    }

    @AfterAll
    static void drop_the_view_table() {
        database.close();
    }

    private static AccountView view(String id, String balance) {
        return new AccountView(id, new BigDecimal(balance), List.of(new LedgerEntry("deposit", new BigDecimal(balance))));
    }

    @Test
    void a_new_view_is_stored_at_version_1_and_updated_to_version_2() {
        views.updateView(view(id, "10.00"), ViewContext.newView(id));
        views.updateView(view(id, "20.00"), new ViewContext(id, 1));

        var stored = views.loadWithContext(id);

        assertThat(stored).contains(new StoredView<>(view(id, "20.00"), new ViewContext(id, 2)));
        assertThat(views.load("nobody")).isEmpty();
    }

    @Test
    void a_stale_update_is_rejected_and_the_stored_view_is_kept() {
        views.updateView(view(id, "10.00"), ViewContext.newView(id));
        views.updateView(view(id, "20.00"), new ViewContext(id, 1));

        assertThatThrownBy(() -> views.updateView(view(id, "99.00"), new ViewContext(id, 1)))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("view " + id)
                .hasMessageContaining("expected version 1");

        assertThat(views.load(id)).contains(view(id, "20.00"));
    }

    @Test
    void creating_a_view_that_another_update_created_first_is_a_conflict() {
        views.updateView(view(id, "10.00"), ViewContext.newView(id));

        assertThatThrownBy(() -> views.updateView(view(id, "99.00"), ViewContext.newView(id)))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("already stored");

        assertThat(views.loadWithContext(id).orElseThrow().context().version()).isEqualTo(1);
    }

    @Test
    void a_stored_payload_that_no_longer_deserializes_names_the_view_and_the_table() {
        database.execute("INSERT INTO " + table + " (view_id, version, payload) VALUES (?, 4, '[1, 2]')", id);

        assertThatThrownBy(() -> views.load(id))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("view " + id + " in " + table);
    }

    @Test
    void a_generic_query_keeps_the_view_of_each_account_up_to_date() {
        var events = PostgresCqrs.eventRepository(database.dataSource(), database.tables(""));
        PostgresCqrs.createSchema(database.dataSource(), database.tables(""));
        var query = GenericQuery.create(views, AccountView::empty);
        var cqrs = CqrsFramework.builder(io.cqrs4j.persist.PersistedEventStore.eventSourced(events,
                JacksonEventSerializer.of(BankAccount::initial))).query(query).build();

        cqrs.execute(id, new OpenAccount(id));
        cqrs.execute(id, new DepositMoney(new BigDecimal("1000.0")));

        assertThat(query.load(id)).contains(view(id, "1000.0"));
        assertThat(cqrs.queryFailures()).isZero();
    }

    @Test
    void a_view_table_name_that_is_not_a_plain_identifier_is_refused() {
        var serializer = JacksonViewSerializer.of(AccountView.class);

        assertThatThrownBy(() -> PostgresCqrs.viewRepository(database.dataSource(), "account_query; drop table x", serializer))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'account_query; drop table x' is not a plain identifier");
        assertThatThrownBy(() -> PostgresCqrs.createViewTable(database.dataSource(), "x\"; drop table y; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
