// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.AggregateContext;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.ViewRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the store holds, to compare before and after a request: every event and the stored view of
 * each tracked account, every commit that went through the event store (whichever account it was
 * for), and, for a SQL store, a digest of every row of its tables.
 *
 * @param commits the commits that reached the store, by account id, in order
 * @param accounts each tracked account's events and stored view, rendered
 * @param tables the SQL tables' rows, rendered, or empty for a store without SQL
 */
record StoreFingerprint(List<String> commits, Map<String, String> accounts, Map<String, String> tables) {

    /**
     * Takes a fingerprint.
     *
     * @param recorder the event store the server writes through
     * @param views the server's view repository
     * @param tracked the accounts to read
     * @param sql a connection to the store's database, or null
     * @return the fingerprint
     */
    static StoreFingerprint of(Recorder recorder, ViewRepository<BankAccountView> views, Collection<String> tracked,
                               Connection sql) throws SQLException {
        var accounts = new TreeMap<String, String>();
        for (String id : tracked) {
            accounts.put(id, render(recorder.loadEvents(id)) + " view " + views.loadWithContext(id)
                    .map(stored -> stored.context().version() + " " + stored.view()).orElse("none"));
        }
        return new StoreFingerprint(List.copyOf(recorder.commits), accounts, sql == null ? Map.of() : tables(sql));
    }

    private static String render(List<EventEnvelope<BankAccountEvent>> events) {
        var out = new StringBuilder();
        events.forEach(e -> out.append(e.sequence()).append(' ').append(e.payload()).append(' ').append(e.metadata()).append('\n'));
        return out.toString();
    }

    private static Map<String, String> tables(Connection sql) throws SQLException {
        var tables = new TreeMap<String, String>();
        try (Statement statement = sql.createStatement()) {
            var names = new ArrayList<String>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            for (String name : names) {
                var out = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + name + "\" ORDER BY 1, 2, 3")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(rows.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
                tables.put(name, out.toString());
            }
        }
        return tables;
    }

    /** An event store that passes everything through and remembers each commit that succeeded. */
    static final class Recorder implements EventStore<BankAccount, BankAccountEvent> {

        private final EventStore<BankAccount, BankAccountEvent> delegate;
        private final List<String> commits = new CopyOnWriteArrayList<>();

        Recorder(EventStore<BankAccount, BankAccountEvent> delegate) {
            this.delegate = delegate;
        }

        @Override
        public String aggregateType() {
            return delegate.aggregateType();
        }

        @Override
        public AggregateContext<BankAccount> load(String aggregateId) {
            return delegate.load(aggregateId);
        }

        @Override
        public List<EventEnvelope<BankAccountEvent>> loadEvents(String aggregateId) {
            return delegate.loadEvents(aggregateId);
        }

        @Override
        public List<EventEnvelope<BankAccountEvent>> commit(AggregateContext<BankAccount> context, List<BankAccountEvent> events,
                                                            Metadata metadata) {
            var committed = delegate.commit(context, events, metadata);
            commits.add(context.aggregateId() + " +" + committed.size());
            return committed;
        }

        @Override
        public Optional<AggregateContext<BankAccount>> afterCommit(AggregateContext<BankAccount> context,
                                                                   List<EventEnvelope<BankAccountEvent>> committed) {
            return delegate.afterCommit(context, committed);
        }
    }
}
