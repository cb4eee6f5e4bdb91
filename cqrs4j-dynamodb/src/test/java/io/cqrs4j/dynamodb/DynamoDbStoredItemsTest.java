// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cqrs4j.DeserializationException;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.SerializedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Items another writer put in the events table in a layout other than dynamo-es's: reading that
 * aggregate fails naming the table, the aggregate, the sequence and the event type; other
 * aggregates keep working. (Payloads that do not deserialize are StoredDataContract's.)
 */
@Timeout(60)
class DynamoDbStoredItemsTest {

    private static TestDynamo.EventTables tables;
    private static PersistedEventRepository repository;

    @BeforeAll
    static void create_the_tables() {
        tables = TestDynamo.freshEventTables();
        repository = tables.repository();
    }

    @Test
    public void an_item_with_a_mistyped_or_missing_attribute_fails_the_read_naming_table_aggregate_sequence_and_type() {
        Map<String, Consumer<Map<String, AttributeValue>>> damages = Map.of(
                "a numeric payload", item -> item.put(EventItems.PAYLOAD, AttributeValue.fromN("7")),
                "no metadata", item -> item.remove(EventItems.METADATA),
                "a boolean version", item -> item.put(EventItems.EVENT_VERSION, AttributeValue.fromBool(true)),
                "no aggregate id", item -> item.remove(EventItems.AGGREGATE_ID));
        damages.forEach((damage, change) -> {
            String id = "acct-" + UUID.randomUUID();
            repository.persist(List.of(event(id, 1)), null);
            var item = new HashMap<>(EventItems.eventItem(event(id, 2)));
            change.accept(item);
            TestDynamo.client().putItem(r -> r.tableName(tables.events()).item(item));

            var error = catchThrowableOfType(DeserializationException.class, () -> repository.getEvents("account", id));

            assertThat(error).as(damage).isNotNull();
            assertThat(error.getMessage()).as(damage).contains(tables.events()).contains("account:" + id)
                    .contains("sequence 2").contains("(Deposited)");
            String other = "acct-" + UUID.randomUUID();
            repository.persist(List.of(event(other, 1)), null);
            assertThat(repository.getEvents("account", other)).as(damage).extracting(SerializedEvent::aggregateId,
                    SerializedEvent::sequence).containsExactly(Tuple.tuple(other, 1L));
        });
    }

    private static SerializedEvent event(String id, long sequence) {
        return new SerializedEvent("account", id, sequence, "Deposited", "1.0", "{\"Deposited\":{\"amount\":1}}", "{}");
    }
}
