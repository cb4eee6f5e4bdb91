// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

/**
 * The names of the tables durable projections keep their state in: checkpoints, leases and
 * parked events. Each must be a plain identifier, optionally schema-qualified, as
 * {@link EventTables} describes; names are checked here and only then written into SQL.
 *
 * @param checkpoints where each projection has read up to, with its fencing token
 * @param leases who runs each projection, until when (heartbeat rows)
 * @param parked the events a projection failed on (dead letters)
 */
public record ProjectionTables(String checkpoints, String leases, String parked) {

    private static final ProjectionTables DEFAULTS = withPrefix("");

    /**
     * Validates the names.
     *
     * @param checkpoints the checkpoints table
     * @param leases the leases table
     * @param parked the parked events table
     * @throws IllegalArgumentException when a name is not a plain identifier
     */
    public ProjectionTables {
        TableNames.check("checkpoints", checkpoints);
        TableNames.check("leases", leases);
        TableNames.check("parked events", parked);
    }

    /**
     * The default tables: {@code projection_checkpoints}, {@code projection_leases} and
     * {@code projection_parked}.
     *
     * @return the default names
     */
    public static ProjectionTables defaults() {
        return DEFAULTS;
    }

    /**
     * The default names with a prefix, such as {@code "bank."} for a schema.
     *
     * @param prefix the prefix
     * @return the names
     * @throws IllegalArgumentException when the names are not plain identifiers
     */
    public static ProjectionTables withPrefix(String prefix) {
        TableNames.checkPrefix(prefix);
        return new ProjectionTables(prefix + "projection_checkpoints", prefix + "projection_leases",
                prefix + "projection_parked");
    }
}
