// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.jackson.JacksonViewSerializer;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import io.cqrs4j.persist.ViewSerializer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ViewRepository} does: views stored by id with a version, inserted at version 1
 * and updated only from the version that was loaded, so a stale update is rejected and changes nothing.
 *
 * {@snippet :
 * class PostgresViewRepositoryContractTest extends ViewRepositoryContract {
 *     protected ViewRepository<TallyView> createRepository(ViewSerializer<TallyView> serializer) {
 *         return PostgresCqrs.viewRepository(dataSource, "tally_view", serializer);
 *     }
 * }
 * }
 */
public abstract class ViewRepositoryContract {

    /** The repository under test, created before each test. */
    protected ViewRepository<TallyView> repository;

    /**
     * Creates the repository under test; called before every test. It may share its table with
     * earlier calls: every test uses fresh view ids. It runs before the subclass's own
     * {@code @BeforeEach} methods: keep pools and schemas in static fields set up once (a pool per
     * call would exhaust the database's connections).
     *
     * @param serializer how the {@link TallyView} becomes JSON
     * @return the repository
     */
    protected abstract ViewRepository<TallyView> createRepository(ViewSerializer<TallyView> serializer);

    /** Creates the repository under test. */
    @BeforeEach
    public void createRepositoryUnderTest() {
        repository = createRepository(JacksonViewSerializer.of(TallyView.class));
    }

    @Test
    public void an_absent_view_loads_as_empty() {
        String id = newId();

        assertThat(repository.load(id)).isEmpty();
        assertThat(repository.loadWithContext(id)).isEmpty();
    }

    @Test
    public void a_new_view_inserted_at_version_0_is_stored_as_version_1() {
        String id = newId();
        var view = new TallyView(1, 10, 1, "first");

        repository.updateView(view, ViewContext.newView(id));

        assertThat(repository.loadWithContext(id)).contains(new StoredView<>(view, new ViewContext(id, 1)));
        assertThat(repository.load(id)).contains(view);
    }

    @Test
    public void updates_from_the_loaded_version() {
        String id = newId();
        repository.updateView(new TallyView(1, 10, 1, ""), ViewContext.newView(id));
        StoredView<TallyView> loaded = repository.loadWithContext(id).orElseThrow();
        var next = new TallyView(2, 30, 2, "second");

        repository.updateView(next, loaded.context());

        assertThat(repository.loadWithContext(id)).contains(new StoredView<>(next, new ViewContext(id, 2)));
    }

    @Test
    public void a_stale_update_is_rejected_and_the_stored_view_is_unchanged() {
        String id = newId();
        repository.updateView(new TallyView(1, 10, 1, ""), ViewContext.newView(id));
        StoredView<TallyView> loaded = repository.loadWithContext(id).orElseThrow();
        var winner = new TallyView(2, 30, 2, "winner");
        repository.updateView(winner, loaded.context());

        assertThatThrownBy(() -> repository.updateView(new TallyView(2, 99, 2, "stale"), loaded.context()))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(repository.loadWithContext(id)).contains(new StoredView<>(winner, new ViewContext(id, 2)));
    }

    @Test
    public void an_update_from_a_version_ahead_of_the_store_is_rejected() {
        String id = newId();
        repository.updateView(new TallyView(1, 10, 1, ""), ViewContext.newView(id));

        assertThatThrownBy(() -> repository.updateView(new TallyView(9, 9, 9, "ahead"), new ViewContext(id, 5)))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(repository.loadWithContext(id).orElseThrow().context().version()).isEqualTo(1);
    }

    @Test
    public void a_second_insert_of_the_same_view_is_rejected() {
        String id = newId();
        var first = new TallyView(1, 10, 1, "first");
        repository.updateView(first, ViewContext.newView(id));

        assertThatThrownBy(() -> repository.updateView(new TallyView(1, 20, 1, "second"), ViewContext.newView(id)))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(repository.loadWithContext(id)).contains(new StoredView<>(first, new ViewContext(id, 1)));
    }

    @Test
    public void of_two_racing_inserts_of_a_new_view_exactly_one_wins() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            String id = newId();
            var mine = new TallyView(1, 1, 1, "first");
            var theirs = new TallyView(1, 2, 1, "second");

            List<Throwable> outcomes = Race.run(List.of(
                    () -> repository.updateView(mine, ViewContext.newView(id)),
                    () -> repository.updateView(theirs, ViewContext.newView(id))));

            assertThat(outcomes.stream().filter(outcome -> outcome == null).count())
                    .as("inserts that succeeded, outcomes %s", outcomes).isEqualTo(1);
            assertThat(outcomes.stream().filter(outcome -> outcome != null).findFirst().orElseThrow())
                    .isInstanceOf(AggregateConflictException.class);
            TallyView winner = outcomes.get(0) == null ? mine : theirs;
            assertThat(repository.loadWithContext(id)).contains(new StoredView<>(winner, new ViewContext(id, 1)));
        }
    }

    @Test
    public void of_two_racing_updates_from_one_version_exactly_one_wins() throws InterruptedException {
        String id = newId();
        repository.updateView(new TallyView(1, 1, 1, ""), ViewContext.newView(id));
        ViewContext loaded = repository.loadWithContext(id).orElseThrow().context();
        var mine = new TallyView(2, 2, 2, "first");
        var theirs = new TallyView(2, 3, 2, "second");

        List<Throwable> outcomes = Race.run(List.of(
                () -> repository.updateView(mine, loaded),
                () -> repository.updateView(theirs, loaded)));

        assertThat(outcomes.stream().filter(outcome -> outcome == null).count())
                .as("updates that succeeded, outcomes %s", outcomes).isEqualTo(1);
        TallyView winner = outcomes.get(0) == null ? mine : theirs;
        assertThat(repository.loadWithContext(id)).contains(new StoredView<>(winner, new ViewContext(id, 2)));
    }

    @Test
    public void keeps_views_apart_and_their_text_exact() {
        String id = newId();
        String other = id.toUpperCase(java.util.Locale.ROOT);
        var view = new TallyView(1, 1, 1, "😀 \"quoted\" \\ back\nslash 漢字");

        repository.updateView(view, ViewContext.newView(id));
        repository.updateView(TallyView.initial(), ViewContext.newView(other));

        assertThat(repository.load(id)).contains(view);
        assertThat(repository.load(other)).contains(TallyView.initial());
    }

    private static String newId() {
        return "view-" + UUID.randomUUID();
    }
}
