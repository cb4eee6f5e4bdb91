// SPDX-License-Identifier: Apache-2.0
/**
 * Jackson serializers for cqrs4j: {@link io.cqrs4j.jackson.JacksonEventSerializer} for an
 * aggregate's events, metadata and snapshots, {@link io.cqrs4j.jackson.JacksonViewSerializer} for
 * views, and {@link io.cqrs4j.jackson.JsonUpcasts} to write upcasters against a JSON tree.
 *
 * <p>Event payloads are externally tagged, exactly as cqrs-es writes them:
 * {@code {"CustomerDepositedMoney":{"amount":100.0,"balance":100.0}}}; field names are snake_case;
 * {@code BigDecimal} keeps its scale and is written as a plain JSON number; {@code java.time}
 * values are ISO-8601 strings.
 */
package io.cqrs4j.jackson;
