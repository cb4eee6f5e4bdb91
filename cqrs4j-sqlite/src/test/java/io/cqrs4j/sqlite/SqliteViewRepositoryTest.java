// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.sqlite.Account.Command.Deposit;
import io.cqrs4j.sqlite.Account.Command.Open;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqliteViewRepositoryTest {

    private static TestSqlite database;
    private static ViewRepository<AccountView> views;

    @BeforeAll
    static void create_the_tables() {
        database = TestSqlite.withEventTables();
        SqliteCqrs.createViewTable(database.dataSource(), "account_view");
        views = SqliteCqrs.viewRepository(database.dataSource(), "account_view", JacksonViewSerializer.of(AccountView.class));
    }

    @AfterAll
    static void delete_the_file() {
        database.close();
    }

    @Test
    void a_stale_view_update_is_rejected_and_changes_nothing() {
        views.updateView(new AccountView("ACCT-1", BigDecimal.ONE, 1), ViewContext.newView("ACCT-1"));
        var loaded = views.loadWithContext("ACCT-1").orElseThrow();
        views.updateView(new AccountView("ACCT-1", BigDecimal.TWO, 2), loaded.context());

        assertThatThrownBy(() -> views.updateView(new AccountView("ACCT-1", BigDecimal.TEN, 9), loaded.context()))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("expected version 1");
        assertThatThrownBy(() -> views.updateView(new AccountView("ACCT-1", BigDecimal.TEN, 9), ViewContext.newView("ACCT-1")))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("already stored");

        var stored = views.loadWithContext("ACCT-1").orElseThrow();
        assertThat(stored.view()).isEqualTo(new AccountView("ACCT-1", BigDecimal.TWO, 2));
        assertThat(stored.context().version()).isEqualTo(2);
    }

    @Test
    void a_generic_query_keeps_the_view_in_the_same_file_as_the_events() {
        var query = GenericQuery.create(views, AccountView::empty);
        var cqrs = CqrsFramework.builder(SqliteCqrs.eventSourced(database.dataSource(),
                JacksonEventSerializer.of(Account::initial))).query(query).build();

        cqrs.execute("ACCT-2", new Open("ACCT-2"));
        cqrs.execute("ACCT-2", new Deposit("c1", new BigDecimal("100.25")));

        assertThat(query.load("ACCT-2")).contains(new AccountView("ACCT-2", new BigDecimal("100.25"), 1));
        assertThat(database.query("SELECT version, payload FROM account_view WHERE view_id = 'ACCT-2'"))
                .containsExactly(Map.of("version", 2, "payload",
                        "{\"account_id\":\"ACCT-2\",\"balance\":100.25,\"deposits\":1}"));
    }
}
