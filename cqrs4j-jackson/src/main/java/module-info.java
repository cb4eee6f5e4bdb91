// SPDX-License-Identifier: Apache-2.0
/**
 * cqrs4j on Jackson 2: the event, metadata, snapshot and view serializers that write the JSON
 * shapes cqrs-es writes, and adapters for upcasters that work on JSON trees.
 *
 * <p>Domain types need no annotations. Modular applications open their event, aggregate and view
 * packages to {@code com.fasterxml.jackson.databind}.
 */
module io.cqrs4j.jackson {
    requires transitive io.cqrs4j.core;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports io.cqrs4j.jackson;
}
