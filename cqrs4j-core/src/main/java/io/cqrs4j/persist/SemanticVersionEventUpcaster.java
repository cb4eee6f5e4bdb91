// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.persist;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Upcasts events of one type whose stored version is older than a target version: the payload
 * goes through a function and the version becomes the target. Stored versions that do not parse
 * are left alone.
 *
 * {@snippet :
 * var addState = SemanticVersionEventUpcaster.of("UpdateAddress", "0.3.0",
 *         payload -> payload.replaceFirst("\\}\\}$", ",\"state\":\"WA\"}}"));
 * }
 *
 * <p>{@code cqrs4j-jackson} has adapters that let the function work on a JSON tree instead of text.
 */
public final class SemanticVersionEventUpcaster implements EventUpcaster {

    private final String eventType;
    private final SemanticVersion version;
    private final String versionText;
    private final UnaryOperator<String> payloadUpcast;

    private SemanticVersionEventUpcaster(String eventType, String version, UnaryOperator<String> payloadUpcast) {
        this.eventType = Objects.requireNonNull(eventType, "eventType");
        this.version = SemanticVersion.parse(version);
        this.versionText = version;
        this.payloadUpcast = Objects.requireNonNull(payloadUpcast, "payloadUpcast");
    }

    /**
     * An upcaster of {@code eventType} to {@code version}.
     *
     * @param eventType the event type it rewrites
     * @param version the version it produces, e.g. {@code "0.3.0"}
     * @param payloadUpcast turns the old payload JSON into the new one
     * @return the upcaster
     * @throws IllegalArgumentException when {@code version} is not a version
     */
    public static SemanticVersionEventUpcaster of(String eventType, String version, UnaryOperator<String> payloadUpcast) {
        return new SemanticVersionEventUpcaster(eventType, version, payloadUpcast);
    }

    @Override
    public boolean canUpcast(String storedType, String storedVersion) {
        if (!eventType.equals(storedType)) {
            return false;
        }
        try {
            return version.supersedes(SemanticVersion.parse(storedVersion));
        } catch (IllegalArgumentException notAVersion) {
            return false;
        }
    }

    @Override
    public SerializedEvent upcast(SerializedEvent event) {
        return event.withPayload(event.eventType(), versionText, payloadUpcast.apply(event.payload()));
    }
}
