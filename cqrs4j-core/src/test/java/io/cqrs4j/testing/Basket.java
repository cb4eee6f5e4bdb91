// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.testing;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny aggregate whose one command produces several events, for the order-insensitive checks.
 *
 * @param items the items added so far
 */
record Basket(List<String> items) implements Aggregate<Basket.Add, Basket.ItemAdded, Void> {

    /**
     * Adds items; an empty name is refused.
     *
     * @param items the items
     */
    record Add(List<String> items) {
    }

    /**
     * One item was added.
     *
     * @param item the item
     */
    record ItemAdded(String item) implements DomainEvent {
    }

    static Basket empty() {
        return new Basket(List.of());
    }

    @Override
    public String aggregateType() {
        return "basket";
    }

    @Override
    public List<ItemAdded> handle(Add command, Void services) {
        if (command.items().contains("")) {
            throw new CommandRejectedException("item names must not be empty");
        }
        return command.items().stream().map(ItemAdded::new).toList();
    }

    @Override
    public Basket apply(ItemAdded event) {
        var next = new ArrayList<>(items);
        next.add(event.item());
        return new Basket(List.copyOf(next));
    }
}
