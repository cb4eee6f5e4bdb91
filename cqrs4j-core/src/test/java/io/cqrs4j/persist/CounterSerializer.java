// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import io.cqrs4j.Metadata;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for {@link Counter} written by hand (core has no JSON library): events as
 * {@code {"Incremented":{"by":5}}}, state as {@code {"value":5}}, metadata as a flat object of
 * strings without escapes. A snapshot whose payload is {@code "broken"} does not deserialize.
 */
final class CounterSerializer implements EventSerializer<Counter, Counter.Incremented> {

    private static final Pattern EVENT = Pattern.compile("\\{\"Incremented\":\\{\"by\":(-?\\d+)}}");
    private static final Pattern STATE = Pattern.compile("\\{\"value\":(-?\\d+)}");
    private static final Pattern PAIR = Pattern.compile("\"([^\"]*)\":\"([^\"]*)\"");

    final AtomicInteger aggregatesDeserialized = new AtomicInteger();

    @Override
    public Counter initialState() {
        return Counter.initial();
    }

    @Override
    public String serializeEvent(Counter.Incremented event) {
        return "{\"Incremented\":{\"by\":" + event.by() + "}}";
    }

    @Override
    public Counter.Incremented deserializeEvent(String eventType, String eventVersion, String payload) {
        if (!eventType.equals("Incremented") || !eventVersion.equals("1.0")) {
            throw new IllegalArgumentException("unknown event " + eventType + " " + eventVersion);
        }
        return new Counter.Incremented(Long.parseLong(match(EVENT, payload).group(1)));
    }

    @Override
    public String serializeMetadata(Metadata metadata) {
        var json = new StringBuilder("{");
        metadata.values().forEach((key, value) ->
                json.append(json.length() > 1 ? "," : "").append('"').append(key).append("\":\"").append(value).append('"'));
        return json.append('}').toString();
    }

    @Override
    public Metadata deserializeMetadata(String json) {
        var values = new LinkedHashMap<String, String>();
        Matcher pairs = PAIR.matcher(json);
        while (pairs.find()) {
            values.put(pairs.group(1), pairs.group(2));
        }
        return Metadata.of(values);
    }

    @Override
    public String serializeAggregate(Counter aggregate) {
        return "{\"value\":" + aggregate.value() + "}";
    }

    @Override
    public Counter deserializeAggregate(String json) {
        aggregatesDeserialized.incrementAndGet();
        return new Counter(Long.parseLong(match(STATE, json).group(1)));
    }

    private static Matcher match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not " + pattern + ": " + text);
        }
        return matcher;
    }
}
