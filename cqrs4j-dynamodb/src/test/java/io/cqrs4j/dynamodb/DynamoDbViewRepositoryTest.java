// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.DeserializationException;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbViewRepositoryTest {

    private final String table = TestDynamo.freshViewTable();
    private final ViewRepository<String> views = DynamoDbCqrs.viewRepository(TestDynamo.client(), table, new TextViews());

    @Test
    void finds_nothing_for_a_view_never_stored() {
        assertThat(views.loadWithContext("V-1")).isEmpty();
        assertThat(views.load("V-1")).isEmpty();
    }

    @Test
    void stores_a_new_view_as_version_1_in_the_dynamo_es_layout() {
        views.updateView("hello", ViewContext.newView("V-1"));

        assertThat(views.loadWithContext("V-1")).contains(new StoredView<>("hello", new ViewContext("V-1", 1)));
        Map<String, AttributeValue> item = TestDynamo.client().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("ViewId", AttributeValue.fromS("V-1")))).item();
        assertThat(item).containsOnlyKeys("ViewId", "ViewVersion", "Payload");
        assertThat(item.get("ViewVersion").n()).isEqualTo("1");
        assertThat(item.get("Payload").b().asUtf8String()).isEqualTo("\"hello\"");
    }

    @Test
    void updates_a_view_from_the_version_it_was_loaded_at() {
        views.updateView("one", ViewContext.newView("V-1"));
        StoredView<String> loaded = views.loadWithContext("V-1").orElseThrow();

        views.updateView("two", loaded.context());

        assertThat(views.loadWithContext("V-1")).contains(new StoredView<>("two", new ViewContext("V-1", 2)));
    }

    @Test
    void refuses_a_stale_update_as_a_conflict_and_keeps_the_stored_view() {
        views.updateView("one", ViewContext.newView("V-1"));
        ViewContext stale = views.loadWithContext("V-1").orElseThrow().context();
        views.updateView("two", stale);

        assertThatThrownBy(() -> views.updateView("lost", stale))
                .isInstanceOf(AggregateConflictException.class)
                .hasMessageContaining("view V-1")
                .hasMessageContaining("expected version 1");

        assertThat(views.load("V-1")).contains("two");
    }

    @Test
    void refuses_to_insert_a_view_that_another_writer_stored_first() {
        views.updateView("first", ViewContext.newView("V-1"));

        assertThatThrownBy(() -> views.updateView("second", ViewContext.newView("V-1")))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(views.load("V-1")).contains("first");
    }

    @Test
    void reports_a_stored_view_that_no_longer_deserializes() {
        views.updateView("!broken", ViewContext.newView("V-1"));

        assertThatThrownBy(() -> views.loadWithContext("V-1"))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("view V-1 version 1 in table " + table);
    }

    @Test
    void refuses_a_view_above_400_KB_before_any_call() {
        assertThatThrownBy(() -> views.updateView("x".repeat(410_000), ViewContext.newView("V-1")))
                .isInstanceOf(UnexpectedException.class)
                .hasMessageContaining("at most 409600");

        assertThat(views.load("V-1")).isEmpty();
    }
}
