// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * String key/value pairs stored beside every event of a command: when, who, from where, and why.
 *
 * <p>Immutable; {@link #with} returns a copy. Typed accessors read the well-known keys, which use
 * the names cqrs-demo writes ({@code time}, {@code uri}, {@code User-Agent}) plus cqrs4j's own.
 *
 * @param values the pairs; copied, no null keys or values
 */
public record Metadata(Map<String, String> values) {

    /** Key of the command's time, RFC 3339 in UTC. */
    public static final String TIME = "time";
    /** Key of the request URI that carried the command. */
    public static final String URI = "uri";
    /** Key of the caller's user agent, spelled as cqrs-demo spells it. */
    public static final String USER_AGENT = "User-Agent";
    /** Key of the caller's IP address. */
    public static final String CLIENT_IP = "client_ip";
    /** Key of the id that ties together everything one request caused. */
    public static final String CORRELATION_ID = "correlation_id";
    /** Key of the id of the message that caused this command. */
    public static final String CAUSATION_ID = "causation_id";

    private static final Metadata EMPTY = new Metadata(Map.of());

    /**
     * Validates and copies the pairs, keeping their order.
     *
     * @param values the pairs
     * @throws NullPointerException if the map, a key or a value is null
     */
    public Metadata {
        Objects.requireNonNull(values, "metadata values");
        var copy = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "metadata key"),
                Objects.requireNonNull(value, () -> "metadata value of key '" + key + "'")));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * No metadata.
     *
     * @return the empty metadata
     */
    public static Metadata empty() {
        return EMPTY;
    }

    /**
     * Metadata holding a copy of {@code values}.
     *
     * @param values the pairs
     * @return the metadata
     */
    public static Metadata of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new Metadata(values);
    }

    /**
     * A copy with {@code key} set to {@code value}.
     *
     * @param key the key
     * @param value the value
     * @return the new metadata
     */
    public Metadata with(String key, String value) {
        var copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Metadata(copy);
    }

    /**
     * A copy with {@link #TIME} set to {@code time}.
     *
     * @param time the command's time
     * @return the new metadata
     */
    public Metadata withTime(Instant time) {
        return with(TIME, time.toString());
    }

    /**
     * The value of {@code key}.
     *
     * @param key the key
     * @return the value, or empty when absent
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The command's time.
     *
     * @return the parsed {@link #TIME} value, or empty when absent or not an RFC 3339 instant
     */
    public Optional<Instant> time() {
        return get(TIME).flatMap(Metadata::parseInstant);
    }

    /**
     * The caller's user agent.
     *
     * @return the {@link #USER_AGENT} value, or empty
     */
    public Optional<String> userAgent() {
        return get(USER_AGENT);
    }

    /**
     * The caller's IP address.
     *
     * @return the {@link #CLIENT_IP} value, or empty
     */
    public Optional<String> clientIp() {
        return get(CLIENT_IP);
    }

    /**
     * The correlation id.
     *
     * @return the {@link #CORRELATION_ID} value, or empty
     */
    public Optional<String> correlationId() {
        return get(CORRELATION_ID);
    }

    /**
     * The causation id.
     *
     * @return the {@link #CAUSATION_ID} value, or empty
     */
    public Optional<String> causationId() {
        return get(CAUSATION_ID);
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
