// SPDX-License-Identifier: Apache-2.0
/**
 * cqrs4j core: aggregates, the command loop, the in-memory store, the persistence SPI and the
 * given/when/then test kit. Depends on {@code java.base} only.
 */
module io.cqrs4j.core {
    exports io.cqrs4j;
    exports io.cqrs4j.memory;
    exports io.cqrs4j.persist;
    exports io.cqrs4j.projection;
    exports io.cqrs4j.testing;
}
