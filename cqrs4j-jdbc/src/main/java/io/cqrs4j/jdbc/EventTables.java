// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

/**
 * The names of the events table and the snapshots table. Each must be a plain identifier
 * (letters, digits, underscores, not starting with a digit, at most 63), optionally qualified by
 * a schema: {@code events}, {@code bank.events}. Names are checked here, never quoted or escaped,
 * and only then written into SQL.
 *
 * @param events the events table
 * @param snapshots the snapshots table
 */
public record EventTables(String events, String snapshots) {

    private static final EventTables DEFAULTS = new EventTables("events", "snapshots");

    /**
     * Validates the names.
     *
     * @param events the events table
     * @param snapshots the snapshots table
     * @throws IllegalArgumentException when a name is not a plain identifier
     */
    public EventTables {
        TableNames.check("events", events);
        TableNames.check("snapshots", snapshots);
    }

    /**
     * The tables postgres-es and mysql-es use: {@code events} and {@code snapshots}.
     *
     * @return the default names
     */
    public static EventTables defaults() {
        return DEFAULTS;
    }

    /**
     * Tables named with a prefix: {@code prefix + "events"} and {@code prefix + "snapshots"}.
     *
     * @param prefix the prefix, such as {@code "bank."} for a schema or {@code "bank_"}
     * @return the names
     * @throws IllegalArgumentException when the names are not plain identifiers
     */
    public static EventTables withPrefix(String prefix) {
        return new EventTables(prefix + "events", prefix + "snapshots");
    }
}
