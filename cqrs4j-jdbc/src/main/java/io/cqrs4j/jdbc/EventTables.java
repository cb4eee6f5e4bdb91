// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

/**
 * The names of the events table and the snapshots table. Each must be a plain identifier
 * (letters, digits, underscores, not starting with a digit, at most 63; the events table at most
 * 47, as the schema names an index after it), optionally qualified by a schema: {@code events},
 * {@code bank.events}. Names are checked here, never quoted or escaped,
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
        TableNames.checkEvents(events);
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
     * @throws IllegalArgumentException when the prefix cannot start a plain identifier, or the
     *     names are too long
     */
    public static EventTables withPrefix(String prefix) {
        TableNames.checkPrefix(prefix);
        return new EventTables(prefix + "events", prefix + "snapshots");
    }
}
