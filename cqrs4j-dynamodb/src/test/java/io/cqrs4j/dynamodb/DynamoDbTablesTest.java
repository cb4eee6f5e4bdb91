// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class DynamoDbTablesTest {

    @Test
    void creates_the_events_table_with_its_keys_and_the_aggregate_type_index() {
        String events = TestDynamo.uniqueTable("Events");
        String snapshots = TestDynamo.uniqueTable("Snapshots");

        DynamoDbCqrs.createTables(TestDynamo.client(), events, snapshots);

        TableDescription table = describe(events);
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactly("AggregateTypeAndId", "AggregateIdSequence");
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies((GlobalSecondaryIndexDescription index) -> {
            assertThat(index.indexName()).isEqualTo("AggregateTypeIndex");
            assertThat(index.keySchema()).extracting(KeySchemaElement::attributeName)
                    .containsExactly("AggregateType", "AggregateIdSequence");
        });
        assertThat(describe(snapshots).keySchema()).extracting(KeySchemaElement::attributeName)
                .containsExactly("AggregateTypeAndId");
    }

    @Test
    void creating_tables_that_exist_leaves_them_and_their_items_alone() {
        var tables = TestDynamo.freshEventTables();
        tables.repository().persist(TestEvents.events("counter", "C-1", 1, 2), null);

        DynamoDbCqrs.createTables(TestDynamo.client(), tables.events(), tables.snapshots());

        assertThat(tables.repository().getEvents("counter", "C-1")).hasSize(2);
    }

    @Test
    void creates_a_view_table_keyed_by_view_id() {
        String view = TestDynamo.uniqueTable("View");

        DynamoDbCqrs.createViewTable(TestDynamo.client(), view);
        DynamoDbCqrs.createViewTable(TestDynamo.client(), view);

        assertThat(describe(view).keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("ViewId");
    }

    @Test
    void refuses_an_invalid_table_name_before_any_call() {
        assertThatThrownBy(() -> DynamoDbCqrs.createTables(TestDynamo.client(), "Events", "snap shots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshots table name \"snap shots\"");
    }

    private static TableDescription describe(String table) {
        return TestDynamo.client().describeTable(r -> r.tableName(table)).table();
    }
}
