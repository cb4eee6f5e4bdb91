// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.UnexpectedException;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of one commit, checked against DynamoDB's limits before any call: at most 100
 * transaction actions (events plus the snapshot), 400 KB per item and 4 MB in all. dynamo-es
 * checked a hard-coded 25 instead, and let DynamoDB refuse the rest.
 *
 * @param eventItems one item per event
 * @param snapshotItem the snapshot's item, or null
 * @param actions how many transaction actions the commit takes
 * @param describe the commit, for messages: {@code account ACCT-1 sequences 3..5}
 */
record CommitItems(List<Map<String, AttributeValue>> eventItems, Map<String, AttributeValue> snapshotItem, int actions,
                   String describe) {

    /**
     * Builds and checks the items of a commit.
     *
     * @param events the events of one aggregate, contiguous, not empty
     * @param snapshot its snapshot, or null
     * @return the items
     * @throws IllegalArgumentException when the events are empty, of several aggregates or not contiguous
     * @throws UnexpectedException when the commit is beyond a DynamoDB limit
     */
    static CommitItems of(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to persist: a commit holds at least one event");
        }
        SerializedEvent first = events.getFirst();
        checkOneContiguousAggregate(events, snapshot);
        String describe = first.aggregateType() + " " + first.aggregateId() + " sequences " + first.sequence() + ".."
                + events.getLast().sequence();
        int actions = events.size() + (snapshot == null ? 0 : 1);
        if (actions > ItemSize.MAX_TRANSACTION_ACTIONS) {
            throw new UnexpectedException(describe + ": the commit needs " + actions + " DynamoDB transaction actions ("
                    + events.size() + " events" + (snapshot == null ? "" : " + 1 snapshot") + ") but TransactWriteItems"
                    + " allows at most " + ItemSize.MAX_TRANSACTION_ACTIONS + "; nothing was written: let the command emit"
                    + " at most " + (ItemSize.MAX_TRANSACTION_ACTIONS - (snapshot == null ? 0 : 1)) + " events", null);
        }
        var eventItems = new ArrayList<Map<String, AttributeValue>>(events.size());
        long total = 0;
        for (SerializedEvent event : events) {
            Map<String, AttributeValue> item = EventItems.eventItem(event);
            total += checkedSize(item, event.describe());
            eventItems.add(item);
        }
        Map<String, AttributeValue> snapshotItem = null;
        if (snapshot != null) {
            snapshotItem = EventItems.snapshotItem(snapshot);
            total += checkedSize(snapshotItem, first.aggregateType() + " " + first.aggregateId() + " snapshot at sequence "
                    + snapshot.lastSequence());
        }
        if (total > ItemSize.MAX_TRANSACTION_BYTES) {
            throw new UnexpectedException(describe + ": the commit's items take " + total + " bytes but TransactWriteItems"
                    + " allows at most " + ItemSize.MAX_TRANSACTION_BYTES + " (4 MB); nothing was written: let the command"
                    + " emit fewer or smaller events", null);
        }
        return new CommitItems(List.copyOf(eventItems), snapshotItem, actions, describe);
    }

    private static long checkedSize(Map<String, AttributeValue> item, String what) {
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new UnexpectedException(what + ": the DynamoDB item takes " + size + " bytes but an item may take at"
                    + " most " + ItemSize.MAX_ITEM_BYTES + " (400 KB, attribute names included); nothing was written:"
                    + " make it smaller" + (item.containsKey(EventItems.CURRENT_SNAPSHOT)
                    ? ", or use an event-sourced store, which keeps no snapshot" : ""), null);
        }
        return size;
    }

    private static void checkOneContiguousAggregate(List<SerializedEvent> events, SerializedSnapshot snapshot) {
        SerializedEvent first = events.getFirst();
        for (int i = 1; i < events.size(); i++) {
            SerializedEvent previous = events.get(i - 1);
            SerializedEvent event = events.get(i);
            if (!event.aggregateType().equals(first.aggregateType()) || !event.aggregateId().equals(first.aggregateId())
                    || event.sequence() != previous.sequence() + 1) {
                throw new IllegalArgumentException("a commit holds contiguous events of one aggregate; "
                        + event.describe() + " does not follow " + previous.describe());
            }
        }
        if (snapshot != null && (!snapshot.aggregateType().equals(first.aggregateType())
                || !snapshot.aggregateId().equals(first.aggregateId()))) {
            throw new IllegalArgumentException("the snapshot of " + snapshot.aggregateType() + " " + snapshot.aggregateId()
                    + " cannot be committed with the events of " + first.aggregateType() + " " + first.aggregateId());
        }
    }
}
