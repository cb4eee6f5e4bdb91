// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.mysql.Account.Command.Deposit;
import io.cqrs4j.mysql.Account.Command.Open;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Views keep an optimistic version on MySQL/MariaDB too (mysql-es views are last-writer-wins). */
class MysqlViewRepositoryTest {

    private static TestMariaDb database;
    private static String table;
    private static ViewRepository<AccountView> views;

    @BeforeAll
    static void create_the_tables() {
        database = TestMariaDb.withEventTables();
        table = database.table("account_view");
        MysqlCqrs.createViewTable(database.dataSource(), table);
        views = MysqlCqrs.viewRepository(database.dataSource(), table, JacksonViewSerializer.of(AccountView.class));
    }

    @AfterAll
    static void drop_the_tables() {
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
    void view_ids_that_differ_only_in_case_or_trailing_spaces_are_different_views() {
        views.updateView(new AccountView("acct-7", BigDecimal.ONE, 1), ViewContext.newView("acct-7"));

        views.updateView(new AccountView("ACCT-7", BigDecimal.TWO, 2), ViewContext.newView("ACCT-7"));
        views.updateView(new AccountView("acct-7 ", BigDecimal.TEN, 3), ViewContext.newView("acct-7 "));

        assertThat(views.load("acct-7")).contains(new AccountView("acct-7", BigDecimal.ONE, 1));
        assertThat(views.load("ACCT-7")).contains(new AccountView("ACCT-7", BigDecimal.TWO, 2));
        assertThat(views.load("acct-7 ")).contains(new AccountView("acct-7 ", BigDecimal.TEN, 3));
    }

    @Test
    void a_generic_query_keeps_the_view_beside_the_events() {
        var query = GenericQuery.create(views, AccountView::empty);
        var cqrs = CqrsFramework.builder(PersistedEventStore.eventSourced(database.eventRepository(),
                JacksonEventSerializer.of(Account::initial))).query(query).build();

        cqrs.execute("ACCT-2", new Open("ACCT-2"));
        cqrs.execute("ACCT-2", new Deposit("c1", new BigDecimal("100.25")));

        assertThat(query.load("ACCT-2")).contains(new AccountView("ACCT-2", new BigDecimal("100.25"), 1));
        assertThat(database.query("SELECT version, payload FROM " + table + " WHERE view_id = 'ACCT-2'"))
                .containsExactly(Map.of("version", 2L, "payload",
                        "{\"account_id\":\"ACCT-2\",\"balance\":100.25,\"deposits\":1}"));
    }
}
