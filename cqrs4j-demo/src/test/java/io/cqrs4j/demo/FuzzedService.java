// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static io.cqrs4j.demo.DemoAssertions.deposit;
import static io.cqrs4j.demo.DemoAssertions.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.demo.Options.SourceOfTruth;
import io.cqrs4j.demo.domain.HappyPathBankAccountServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service under fuzzing: a {@link BankServer} on port 0 over the in-memory store or a SQLite
 * file, its writes recorded, with accounts that have a history, so that "the store is unchanged"
 * means something.
 */
final class FuzzedService implements AutoCloseable {

    /** Seeded accounts (rich: a deposit, a withdrawal and a check; empty; drained to zero) and one never opened. */
    static final List<String> ACCOUNTS = List.of("SEED-RICH", "SEED-EMPTY", "SEED-DRAINED", "NEVER-OPENED");

    final String store;
    final BankServer server;
    final DemoClient client;
    final RawHttp raw;
    private final Storage storage;
    private final StoreFingerprint.Recorder recorder;
    private final Connection sql;
    private final Set<String> tracked = new LinkedHashSet<>(ACCOUNTS);

    /**
     * Starts the service and seeds its accounts.
     *
     * @param store {@code memory} or {@code sqlite}
     * @param directory where a SQLite file goes
     */
    FuzzedService(String store, Path directory) throws SQLException {
        this.store = store;
        Storage database;
        if (store.equals("sqlite")) {
            Path file = directory.resolve("fuzz-" + System.nanoTime() + ".db");
            database = Stores.sqlite(file, new SourceOfTruth.EventSourced());
            sql = DriverManager.getConnection("jdbc:sqlite:" + file);
        } else {
            database = Stores.memory(new SourceOfTruth.EventSourced());
            sql = null;
        }
        recorder = new StoreFingerprint.Recorder(database.events());
        storage = new Storage(database.description(), recorder, database.views(), database);
        server = BankServer.start(storage, new HappyPathBankAccountServices(), 0);
        client = new DemoClient(server.port());
        raw = new RawHttp(server.port());
        seed();
    }

    private void seed() {
        for (String id : ACCOUNTS.subList(0, 3)) {
            assertThat(client.post(id, open(id)).statusCode()).isEqualTo(204);
        }
        assertThat(client.post("SEED-RICH", deposit("1000.00")).statusCode()).isEqualTo(204);
        assertThat(client.post("SEED-RICH", "{\"WithdrawMoney\":{\"amount\":400.0,\"atm_id\":\"ATM-N468290\"}}").statusCode()).isEqualTo(204);
        assertThat(client.post("SEED-RICH", "{\"WriteCheck\":{\"check_number\":\"1170\",\"amount\":256.28}}").statusCode()).isEqualTo(204);
        assertThat(client.post("SEED-DRAINED", deposit("50")).statusCode()).isEqualTo(204);
        assertThat(client.post("SEED-DRAINED", "{\"WithdrawMoney\":{\"amount\":50,\"atm_id\":\"ATM-1\"}}").statusCode()).isEqualTo(204);
    }

    /** Adds an account to those the fingerprint reads. */
    void track(String accountId) {
        tracked.add(accountId);
    }

    StoreFingerprint fingerprint() throws SQLException {
        return StoreFingerprint.of(recorder, storage.views(), tracked, sql);
    }

    /** What {@code GET} answers for every tracked account, status and body. */
    String views() {
        var out = new StringBuilder();
        tracked.forEach(id -> {
            var response = client.get(id);
            out.append(id).append(' ').append(response.statusCode()).append(' ').append(response.body()).append('\n');
        });
        return out.toString();
    }

    @Override
    public void close() throws SQLException {
        try {
            server.close();
        } finally {
            try {
                storage.close();
            } finally {
                if (sql != null) {
                    sql.close();
                }
            }
        }
    }
}
