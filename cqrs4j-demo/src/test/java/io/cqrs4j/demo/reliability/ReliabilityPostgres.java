// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fresh schema on the test PostgreSQL, dropped on close. Same settings as the demo tests'
 * {@code TestPostgres} (which is package-private in another package): {@code CQRS4J_PG_URL},
 * {@code CQRS4J_PG_USER}, {@code CQRS4J_PG_PASSWORD}, by default
 * {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}. Unreachable means the test fails.
 */
final class ReliabilityPostgres implements AutoCloseable {

    static final String URL = env("CQRS4J_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("CQRS4J_PG_USER", "postgres");
    static final String PASSWORD = System.getenv("CQRS4J_PG_PASSWORD");

    private final String schema = "reliability_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    ReliabilityPostgres() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    /** The server's host, from {@link #URL}. */
    static String host() {
        return server().getHost();
    }

    /** The server's port, from {@link #URL}. */
    static int port() {
        int port = server().getPort();
        return port < 0 ? 5432 : port;
    }

    /** The URL the demo is started with: this schema, the user and password, straight to the server. */
    String demoUrl() {
        return demoUrl(host(), port());
    }

    /** The URL the demo is started with, through {@code host:port} (a proxy). */
    String demoUrl(String host, int port) {
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

    /** A plain connection whose search path is this schema. */
    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
        connection.setSchema(schema);
        return connection;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static URI server() {
        return URI.create(URL.substring("jdbc:".length()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
