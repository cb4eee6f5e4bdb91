// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import io.cqrs4j.Aggregate;
import io.cqrs4j.DomainEvent;
import io.cqrs4j.Metadata;
import io.cqrs4j.persist.EventSerializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test aggregate: a running total and how many events built it, so an event applied twice or
 * skipped shows in the state.
 *
 * @param total the sum of the amounts
 * @param events how many events were applied
 */
record Counter(long total, long events) implements Aggregate<Counter.Add, Counter.Added, Void> {

    static final String TYPE = "counter";

    /**
     * Adds {@code amount} {@code times}, one event each.
     *
     * @param amount the amount
     * @param times how many events
     * @param note text carried by each event, to make events of a given size
     */
    record Add(long amount, int times, String note) {
    }

    /** The only event. */
    sealed interface Added extends DomainEvent permits Added.Amount {

        /**
         * An amount was added.
         *
         * @param amount the amount
         * @param note its note, letters only
         */
        record Amount(long amount, String note) implements Added {

            @Override
            public String eventType() {
                return "Added";
            }
        }
    }

    static Counter initial() {
        return new Counter(0, 0);
    }

    @Override
    public String aggregateType() {
        return TYPE;
    }

    @Override
    public List<Added> handle(Add command, Void services) {
        var events = new ArrayList<Added>(command.times());
        for (int i = 0; i < command.times(); i++) {
            events.add(new Added.Amount(command.amount(), command.note()));
        }
        return events;
    }

    @Override
    public Counter apply(Added event) {
        return switch (event) {
            case Added.Amount a -> new Counter(total + a.amount(), events + 1);
        };
    }

    /** JSON by hand, in the externally tagged shape; notes and metadata hold no quotes. */
    static final class Serializer implements EventSerializer<Counter, Added> {

        private static final Pattern EVENT = Pattern.compile("\\{\"Added\":\\{\"amount\":(-?\\d+),\"note\":\"([^\"]*)\"}}");
        private static final Pattern STATE = Pattern.compile("\\{\"total\":(-?\\d+),\"events\":(\\d+)}");
        private static final Pattern ENTRY = Pattern.compile("\"([^\"]*)\":\"([^\"]*)\"");

        @Override
        public Counter initialState() {
            return Counter.initial();
        }

        @Override
        public String serializeEvent(Added event) {
            return switch (event) {
                case Added.Amount a -> "{\"Added\":{\"amount\":" + a.amount() + ",\"note\":\"" + a.note() + "\"}}";
            };
        }

        @Override
        public Added deserializeEvent(String eventType, String eventVersion, String payload) {
            Matcher m = matching(EVENT, payload);
            return new Added.Amount(Long.parseLong(m.group(1)), m.group(2));
        }

        @Override
        public String serializeMetadata(Metadata metadata) {
            var json = new StringBuilder("{");
            metadata.values().forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                    .append('"').append(k).append("\":\"").append(v).append('"'));
            return json.append('}').toString();
        }

        @Override
        public Metadata deserializeMetadata(String json) {
            var values = new LinkedHashMap<String, String>();
            Matcher m = ENTRY.matcher(json);
            while (m.find()) {
                values.put(m.group(1), m.group(2));
            }
            return Metadata.of(Map.copyOf(values));
        }

        @Override
        public String serializeAggregate(Counter aggregate) {
            return "{\"total\":" + aggregate.total() + ",\"events\":" + aggregate.events() + "}";
        }

        @Override
        public Counter deserializeAggregate(String json) {
            Matcher m = matching(STATE, json);
            return new Counter(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }

        private static Matcher matching(Pattern pattern, String json) {
            Matcher m = pattern.matcher(json);
            if (!m.matches()) {
                throw new IllegalArgumentException("not " + pattern + ": " + json);
            }
            return m;
        }
    }
}
