// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text behind {@link SqlDialect}'s newer defaults, kept out of the public interface. */
final class DefaultStatements {

    /** The seven postgres-es event columns and the global position, in the order the repositories read them. */
    static final String EVENT_COLUMNS_WITH_POSITION =
            "aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata, global_position";

    private static final String PROJECTION_TABLES = resource("projection-tables.sql");

    private DefaultStatements() {
    }

    static String projectionTablesScript() {
        return PROJECTION_TABLES;
    }

    /** The lease claim {@link SqlDialect#claimLease} documents, as PostgreSQL and SQLite accept it. */
    static String claimLease(String leases, String checkpoints, String clock) {
        return "INSERT INTO " + leases + " AS l (projection, owner, token, expires_at_ms, renewed_at_ms)"
                + " VALUES (?, ?, (SELECT COALESCE(MAX(c.token), 0) + 1 FROM " + checkpoints + " c WHERE c.projection = ?),"
                + " " + clock + " + ?, " + clock + ")"
                + " ON CONFLICT (projection) DO UPDATE SET"
                + " token = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at_ms >= " + clock
                + " THEN l.token ELSE l.token + 1 END,"
                + " owner = EXCLUDED.owner, expires_at_ms = EXCLUDED.expires_at_ms, renewed_at_ms = EXCLUDED.renewed_at_ms"
                + " WHERE l.owner = EXCLUDED.owner OR l.expires_at_ms < " + clock
                + " RETURNING token, expires_at_ms";
    }

    private static String resource(String name) {
        try (InputStream in = DefaultStatements.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource io/cqrs4j/jdbc/" + name + " is missing from cqrs4j-jdbc");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource io/cqrs4j/jdbc/" + name, e);
        }
    }
}
