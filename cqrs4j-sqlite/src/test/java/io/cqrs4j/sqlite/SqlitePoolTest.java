// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.persist.SerializedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePoolTest {

    @TempDir
    Path directory;

    @Test
    void the_pool_keeps_the_file_in_wal_mode_with_a_busy_timeout_on_every_connection() {
        try (TestSqlite database = TestSqlite.create()) {

            var journal = database.query("PRAGMA journal_mode");
            var busyTimeout = database.query("PRAGMA busy_timeout");

            assertThat(journal.getFirst().values()).containsExactly("wal");
            assertThat(busyTimeout.getFirst().values()).containsExactly(30_000);
        }
    }

    @Test
    void the_schema_has_the_postgres_es_columns_then_the_global_order_and_is_created_only_where_missing() {
        try (TestSqlite database = TestSqlite.create()) {

            SqliteCqrs.createSchema(database.dataSource());
            SqliteCqrs.createSchema(database.dataSource());
            SqliteCqrs.createViewTable(database.dataSource(), "account_view");
            SqliteCqrs.createViewTable(database.dataSource(), "account_view");

            assertThat(columns(database, "events")).containsExactly(
                    "aggregate_type TEXT NOT NULL pk1", "aggregate_id TEXT NOT NULL pk2", "sequence INTEGER NOT NULL pk3",
                    "event_type TEXT NOT NULL", "event_version TEXT NOT NULL", "payload TEXT NOT NULL",
                    "metadata TEXT NOT NULL", "global_position INTEGER", "recorded_at INTEGER");
            assertThat(columns(database, "snapshots")).containsExactly(
                    "aggregate_type TEXT NOT NULL pk1", "aggregate_id TEXT NOT NULL pk2",
                    "last_sequence INTEGER NOT NULL", "current_snapshot INTEGER NOT NULL", "payload TEXT NOT NULL");
            assertThat(columns(database, "account_view")).containsExactly(
                    "view_id TEXT NOT NULL pk1", "version INTEGER NOT NULL", "payload TEXT NOT NULL");
        }
    }

    @Test
    void events_outlive_the_pool_that_wrote_them() {
        Path file = directory.resolve("bank.db");
        var event = new SerializedEvent("account", "ACCT-1", 1, "AccountOpened", "1.0",
                "{\"AccountOpened\":{\"account_id\":\"ACCT-1\"}}", "{}");
        try (var pool = SqliteCqrs.pool(file)) {
            SqliteCqrs.createSchema(pool);
            SqliteCqrs.eventRepository(pool).persist(List.of(event), null);
        }

        try (var pool = SqliteCqrs.pool(file)) {
            assertThat(SqliteCqrs.eventRepository(pool).getEvents("account", "ACCT-1")).containsExactly(event.withGlobalPosition(1));
        }
    }

    @Test
    void a_file_in_a_missing_directory_is_a_connection_error_that_names_the_directory() {
        Path file = directory.resolve("missing").resolve("bank.db");

        assertThatThrownBy(() -> SqliteCqrs.pool(file))
                .isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining(file.getParent().toString())
                .hasMessageContaining("create");
    }

    @Test
    void a_file_that_is_not_a_database_is_a_connection_error() throws Exception {
        Path file = directory.resolve("notes.txt");
        Files.writeString(file, "these are notes, not a database ".repeat(100), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SqliteCqrs.pool(file))
                .isInstanceOf(DatabaseConnectionException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a database");
    }

    private static List<String> columns(TestSqlite database, String table) {
        return database.query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", table)
                .stream()
                .map(c -> c.get("name") + " " + c.get("type") + (((Number) c.get("notnull")).intValue() == 1 ? " NOT NULL" : "")
                        + (((Number) c.get("pk")).intValue() > 0 ? " pk" + c.get("pk") : ""))
                .toList();
    }
}
