// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import org.junit.jupiter.api.Test;

class InMemoryViewRepositoryTest {

    private final InMemoryViewRepository<String> views = InMemoryViewRepository.create();

    @Test
    void a_view_never_stored_loads_as_empty() {
        var loaded = views.loadWithContext("ACCT-1");

        assertThat(loaded).isEmpty();
        assertThat(views.load("ACCT-1")).isEmpty();
    }

    @Test
    void a_new_view_is_stored_as_version_1() {
        views.updateView("balance 10", ViewContext.newView("ACCT-1"));

        var loaded = views.loadWithContext("ACCT-1");

        assertThat(loaded).contains(new StoredView<>("balance 10", new ViewContext("ACCT-1", 1)));
        assertThat(views.load("ACCT-1")).contains("balance 10");
    }

    @Test
    void each_update_from_the_loaded_version_increments_it() {
        views.updateView("balance 10", ViewContext.newView("ACCT-1"));
        ViewContext loaded = views.loadWithContext("ACCT-1").orElseThrow().context();

        views.updateView("balance 15", loaded);

        assertThat(views.loadWithContext("ACCT-1")).contains(new StoredView<>("balance 15", new ViewContext("ACCT-1", 2)));
    }

    @Test
    void an_update_from_a_stale_version_is_a_conflict_and_keeps_the_stored_view() {
        views.updateView("balance 10", ViewContext.newView("ACCT-1"));

        assertThatThrownBy(() -> views.updateView("balance 99", ViewContext.newView("ACCT-1")))

                .isInstanceOf(AggregateConflictException.class)
                .hasMessage("view ACCT-1: expected version 0 but the store has 1 (a concurrent update won); reload and retry");
        assertThat(views.load("ACCT-1")).contains("balance 10");
    }

    @Test
    void an_update_from_a_version_the_store_never_had_is_a_conflict() {
        assertThatThrownBy(() -> views.updateView("balance 99", new ViewContext("ACCT-1", 3)))

                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("expected version 3 but the store has 0");
        assertThat(views.load("ACCT-1")).isEmpty();
    }

    @Test
    void views_of_different_ids_are_versioned_separately() {
        views.updateView("one", ViewContext.newView("ACCT-1"));

        views.updateView("two", ViewContext.newView("ACCT-2"));

        assertThat(views.loadWithContext("ACCT-2").orElseThrow().context().version()).isEqualTo(1);
    }

    @Test
    void rejects_a_null_view() {
        assertThatThrownBy(() -> views.updateView(null, ViewContext.newView("ACCT-1")))

                .isInstanceOf(NullPointerException.class).hasMessage("view");
    }
}
