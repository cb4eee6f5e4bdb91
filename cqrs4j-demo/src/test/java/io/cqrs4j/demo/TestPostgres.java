// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A schema of its own on the test PostgreSQL ({@code CQRS4J_PG_URL}, {@code CQRS4J_PG_USER},
 * {@code CQRS4J_PG_PASSWORD}; defaults: {@code jdbc:postgresql://127.0.0.1:5432/test} as
 * {@code postgres}), reached through a URL whose {@code currentSchema} points at it, so the demo
 * creates and uses its usual table names there. Unreachable means the tests fail.
 */
final class TestPostgres implements AutoCloseable {

    static final String URL = env("CQRS4J_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("CQRS4J_PG_USER", "postgres");
    static final String PASSWORD = System.getenv("CQRS4J_PG_PASSWORD");

    private final String schema = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    TestPostgres() throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    /** The URL the demo is started with: user, password and this schema as parameters. */
    String demoUrl() {
        var url = new StringBuilder(URL).append(URL.contains("?") ? '&' : '?')
                .append("user=").append(encode(USER)).append("&currentSchema=").append(schema);
        if (PASSWORD != null) {
            url.append("&password=").append(encode(PASSWORD));
        }
        return url.toString();
    }

    /** A plain connection whose search path is this schema. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        connection.setSchema(schema);
        return connection;
    }

    String schema() {
        return schema;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
