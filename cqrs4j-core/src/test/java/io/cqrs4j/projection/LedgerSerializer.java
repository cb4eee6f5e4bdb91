// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.Metadata;
import io.cqrs4j.persist.EventSerializer;
import io.cqrs4j.persist.EventUpcaster;
import io.cqrs4j.persist.SerializedEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON for {@link Ledger} written by hand: events as {@code {"Posted":{"amount":5}}} (version 1.0),
 * metadata as an empty object, state as {@code {"balance":5}}. {@link #CENTS_UPCASTER} rewrites
 * version 0.9, {@code {"Posted":{"cents":500}}}, into 1.0.
 */
final class LedgerSerializer implements EventSerializer<Ledger, Ledger.Posted> {

    /** Rewrites {@code Posted 0.9} (amounts in cents) into {@code Posted 1.0}. */
    static final EventUpcaster CENTS_UPCASTER = new EventUpcaster() {
        @Override
        public boolean canUpcast(String eventType, String eventVersion) {
            return eventType.equals("Posted") && eventVersion.equals("0.9");
        }

        @Override
        public SerializedEvent upcast(SerializedEvent event) {
            long cents = Long.parseLong(match(CENTS, event.payload()).group(1));
            return event.withPayload("Posted", "1.0", "{\"Posted\":{\"amount\":" + cents / 100 + "}}");
        }
    };

    private static final Pattern EVENT = Pattern.compile("\\{\"Posted\":\\{\"amount\":(-?\\d+)}}");
    private static final Pattern CENTS = Pattern.compile("\\{\"Posted\":\\{\"cents\":(-?\\d+)}}");
    private static final Pattern STATE = Pattern.compile("\\{\"balance\":(-?\\d+)}");

    @Override
    public Ledger initialState() {
        return Ledger.initial();
    }

    @Override
    public String serializeEvent(Ledger.Posted event) {
        return "{\"Posted\":{\"amount\":" + event.amount() + "}}";
    }

    @Override
    public Ledger.Posted deserializeEvent(String eventType, String eventVersion, String payload) {
        if (!eventType.equals("Posted") || !eventVersion.equals("1.0")) {
            throw new IllegalArgumentException("unknown event " + eventType + " " + eventVersion);
        }
        return new Ledger.Posted(Long.parseLong(match(EVENT, payload).group(1)));
    }

    @Override
    public String serializeMetadata(Metadata metadata) {
        return "{}";
    }

    @Override
    public Metadata deserializeMetadata(String json) {
        return Metadata.empty();
    }

    @Override
    public String serializeAggregate(Ledger aggregate) {
        return "{\"balance\":" + aggregate.balance() + "}";
    }

    @Override
    public Ledger deserializeAggregate(String json) {
        return new Ledger(Long.parseLong(match(STATE, json).group(1)));
    }

    private static Matcher match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not " + pattern + ": " + text);
        }
        return matcher;
    }
}
