// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import io.cqrs4j.Aggregate;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.jackson.JacksonEventSerializer;
import io.cqrs4j.persist.EventSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The conformance kit's aggregate: counts, sums and checksums every event applied to it, so a
 * store that applies an event twice, skips one or reorders them yields a different state than
 * {@link #fold} of the history.
 *
 * @param type the aggregate type; fixed per store, {@link #TYPE} unless a test needs its own
 * @param count how many events were applied
 * @param total the sum of the added amounts
 * @param checksum an order-sensitive hash of the applied event ids
 * @param recent the ids of the last few applied events, oldest first, for readable failures
 */
public record Tally(String type, long count, long total, long checksum, List<String> recent)
        implements Aggregate<TallyCommand, TallyEvent, Void> {

    /** The default aggregate type. */
    public static final String TYPE = "tally";

    private static final int RECENT = 8;

    /**
     * Validates and copies.
     *
     * @param type the aggregate type
     * @param count the event count
     * @param total the sum
     * @param checksum the checksum
     * @param recent the last ids
     */
    public Tally {
        Objects.requireNonNull(type, "type");
        recent = List.copyOf(recent);
    }

    /**
     * A tally with no events, of type {@link #TYPE}.
     *
     * @return the initial state
     */
    public static Tally initial() {
        return initial(TYPE);
    }

    /**
     * A tally with no events, of the given type.
     *
     * @param type the aggregate type
     * @return the initial state
     */
    public static Tally initial(String type) {
        return new Tally(type, 0, 0, 0, List.of());
    }

    /**
     * The Jackson serializer of tallies of type {@link #TYPE}, for persisted stores.
     *
     * @return the serializer
     */
    public static EventSerializer<Tally, TallyEvent> serializer() {
        return serializer(TYPE);
    }

    /**
     * The Jackson serializer of tallies of the given type.
     *
     * @param type the aggregate type
     * @return the serializer
     */
    public static EventSerializer<Tally, TallyEvent> serializer(String type) {
        return JacksonEventSerializer.of(() -> initial(type));
    }

    /**
     * The state after applying each of {@code events} exactly once, in order: what a store must load.
     *
     * @param type the aggregate type
     * @param events the history
     * @return the state
     */
    public static Tally fold(String type, List<? extends TallyEvent> events) {
        Tally state = initial(type);
        for (TallyEvent event : events) {
            state = state.apply(event);
        }
        return state;
    }

    @Override
    public String aggregateType() {
        return type;
    }

    @Override
    public List<TallyEvent> handle(TallyCommand command, Void services) {
        return switch (command) {
            case TallyCommand.Add add -> {
                var events = new ArrayList<TallyEvent>();
                for (long amount : add.amounts()) {
                    events.add(TallyEvent.added(count + events.size() + 1, amount));
                }
                yield events;
            }
            case TallyCommand.Note note -> List.of(new TallyEvent.Noted("e" + (count + 1), note.text()));
            case TallyCommand.Reject reject -> throw new CommandRejectedException(reject.reason());
            case TallyCommand.Nothing nothing -> List.of();
        };
    }

    @Override
    public Tally apply(TallyEvent event) {
        long added = switch (event) {
            case TallyEvent.Added a -> a.amount();
            case TallyEvent.Noted n -> 0;
        };
        var last = new ArrayList<>(recent);
        last.add(event.id());
        if (last.size() > RECENT) {
            last.removeFirst();
        }
        return new Tally(type, count + 1, total + added, checksum * 31 + event.id().hashCode(), last);
    }
}
