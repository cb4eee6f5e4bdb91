// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A database of its own on the test MariaDB or MySQL ({@code CQRS4J_MYSQL_URL}, {@code CQRS4J_MYSQL_USER},
 * {@code CQRS4J_MYSQL_PASSWORD}; defaults: {@code jdbc:mariadb://127.0.0.1:3306/test} as {@code root}
 * without a password), reached through a URL that names it. Unreachable means the tests fail.
 */
final class TestMariaDb implements AutoCloseable {

    static final String URL = env("CQRS4J_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String USER = env("CQRS4J_MYSQL_USER", "root");
    static final String PASSWORD = env("CQRS4J_MYSQL_PASSWORD", "");

    private final String database = "demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    TestMariaDb() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
    }

    /** The URL the demo is started with: this database, user and password as parameters. */
    String demoUrl() {
        int query = URL.indexOf('?');
        String server = URL.substring(0, URL.lastIndexOf('/', query < 0 ? URL.length() : query));
        return server + "/" + database + "?user=" + encode(USER) + (PASSWORD.isEmpty() ? "" : "&password=" + encode(PASSWORD));
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            connection.createStatement().execute("DROP DATABASE " + database);
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
