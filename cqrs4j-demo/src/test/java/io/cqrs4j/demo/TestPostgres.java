// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.net.URI;
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
public final class TestPostgres implements AutoCloseable {

    /** The server, from {@code CQRS4J_PG_URL}. */
    public static final String URL = env("CQRS4J_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("CQRS4J_PG_USER", "postgres");
    static final String PASSWORD = System.getenv("CQRS4J_PG_PASSWORD");

    private final String schema = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    /**
     * Creates the schema.
     *
     * @throws SQLException when the server cannot be reached
     */
    public TestPostgres() throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    /** The URL the demo is started with: user, password and this schema as parameters. */
    public String demoUrl() {
        return demoUrl(host(), port());
    }

    /** The URL the demo is started with, reaching the server through {@code host:port} (a proxy). */
    public String demoUrl(String host, int port) {
        URI server = server();
        var url = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append(server.getRawPath())
                .append('?');
        if (server.getRawQuery() != null) {
            url.append(server.getRawQuery()).append('&');
        }
        url.append("user=").append(encode(USER)).append("&currentSchema=").append(schema);
        if (PASSWORD != null) {
            url.append("&password=").append(encode(PASSWORD));
        }
        return url.toString();
    }

    /** The server's host, from {@link #URL}. */
    public static String host() {
        return server().getHost();
    }

    /** The server's port, from {@link #URL}. */
    public static int port() {
        int port = server().getPort();
        return port < 0 ? 5432 : port;
    }

    /** A plain connection whose search path is this schema. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        connection.setSchema(schema);
        return connection;
    }

    public String schema() {
        return schema;
    }

    private static URI server() {
        return URI.create(URL.substring("jdbc:".length()));
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
