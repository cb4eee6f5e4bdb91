// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.EventStore;
import io.cqrs4j.benchmarks.RawJdbcWorkload.Shape;
import io.cqrs4j.benchmarks.domain.BankAccount;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.OpenAccount;
import io.cqrs4j.benchmarks.domain.BankAccountEvent;
import io.cqrs4j.jdbc.EventTables;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.memory.InMemoryEventStore;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.SerializedSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The comparisons the load driver runs, per store. */
final class Phases {

    static final EventTables TABLES = EventTables.withPrefix("bench_");

    private Phases() {
    }

    /** The in-memory comparisons; the first is event sourced, the one run.sh's last line reports. */
    static List<Comparison> memory(int accounts) {
        return List.of(
                new Comparison("es", "event sourced (InMemoryEventStore)",
                        () -> inMemoryStore(accounts, 0), () -> RawMemoryWorkload.eventSourced(accounts), 0, 0, 0),
                new Comparison("es-cache", "event sourced + cache (InMemoryEventStore)",
                        () -> inMemoryStore(accounts, accounts), () -> RawMemoryWorkload.state(accounts), 0, 0, 200_000),
                new Comparison("aggregate", "aggregate store (Jackson on InMemoryEventRepository)",
                        () -> persisted(accounts, r -> PersistedEventStore.aggregateStore(r, Seeder.SERIALIZER), 0),
                        () -> RawMemoryWorkload.state(accounts), 0, 0, 200_000),
                new Comparison("snapshot-cache", "snapshot every 100 + cache (Jackson on InMemoryEventRepository)",
                        () -> persisted(accounts, r -> PersistedEventStore.snapshotting(r, Seeder.SERIALIZER, 100), accounts),
                        () -> RawMemoryWorkload.state(accounts), 0, 0, 0));
    }

    /** The SQL comparisons; the first is event sourced, the one run.sh's last line reports. */
    static List<Comparison> sql(SqlTarget target, int accounts) {
        return List.of(
                new Comparison("es", "event sourced", () -> framework(target, accounts, Shape.EVENT_SOURCED, 0),
                        () -> raw(target, accounts, Shape.EVENT_SOURCED), 0.9, 1.2, 0),
                new Comparison("es-cache", "event sourced + cache vs raw single insert",
                        () -> framework(target, accounts, Shape.EVENT_SOURCED, accounts),
                        () -> raw(target, accounts, Shape.SINGLE_INSERT), 0.85, 0, 0),
                new Comparison("snapshot", "snapshot every 100", () -> framework(target, accounts, Shape.SNAPSHOT_EVERY_100, 0),
                        () -> raw(target, accounts, Shape.SNAPSHOT_EVERY_100), 0, 0, 0),
                new Comparison("aggregate", "aggregate store", () -> framework(target, accounts, Shape.AGGREGATE_STORE, 0),
                        () -> raw(target, accounts, Shape.AGGREGATE_STORE), 0, 0, 0));
    }

    private static Workload inMemoryStore(int accounts, int cache) {
        InMemoryEventStore<BankAccount, BankAccountEvent> store = InMemoryEventStore.create(BankAccount::initial);
        var workload = FrameworkWorkload.over(store, cache, () -> "events per account at the end: "
                + averageEvents(accounts, id -> store.loadEvents(id).size()));
        openAccounts(workload, accounts);
        return workload;
    }

    private static Workload persisted(int accounts,
                                      Function<PersistedEventRepository, EventStore<BankAccount, BankAccountEvent>> mode,
                                      int cache) {
        var repository = InMemoryEventRepository.create();
        var workload = FrameworkWorkload.over(mode.apply(repository), cache, () -> "events per account at the end: "
                + averageEvents(accounts, id -> repository.getEvents(BankAccount.TYPE, id).size()));
        openAccounts(workload, accounts);
        return workload;
    }

    private static void openAccounts(Workload workload, int accounts) {
        for (int i = 0; i < accounts; i++) {
            String id = LoadSpec.accountId(i);
            workload.execute(id, new OpenAccount(id));
        }
    }

    private static long averageEvents(int accounts, java.util.function.ToIntFunction<String> events) {
        long total = 0;
        for (int i = 0; i < accounts; i++) {
            total += events.applyAsInt(LoadSpec.accountId(i));
        }
        return total / Math.max(1, accounts);
    }

    private static Workload framework(SqlTarget target, int accounts, Shape shape, int cache) {
        seed(target, accounts, shape);
        PersistedEventRepository repository = target.repository(TABLES);
        EventStore<BankAccount, BankAccountEvent> store = switch (shape) {
            case EVENT_SOURCED, SINGLE_INSERT -> PersistedEventStore.eventSourced(repository, Seeder.SERIALIZER);
            case SNAPSHOT_EVERY_100 -> PersistedEventStore.snapshotting(repository, Seeder.SERIALIZER, 100);
            case AGGREGATE_STORE -> PersistedEventStore.aggregateStore(repository, Seeder.SERIALIZER);
        };
        return FrameworkWorkload.over(store, cache, () -> eventsPerAccount(target, accounts));
    }

    private static Workload raw(SqlTarget target, int accounts, Shape shape) {
        seed(target, accounts, shape);
        var workload = new RawJdbcWorkload(target, TABLES, shape);
        return new Workload() {
            @Override
            public void execute(String accountId, io.cqrs4j.benchmarks.domain.BankAccountCommand command) {
                workload.execute(accountId, command);
            }

            @Override
            public String note() {
                return eventsPerAccount(target, accounts);
            }
        };
    }

    /** Fresh tables with every account opened (and, for the aggregate store, its stored aggregate). */
    private static void seed(SqlTarget target, int accounts, Shape shape) {
        target.freshTables(TABLES);
        var events = new ArrayList<SerializedEvent>();
        var snapshots = new ArrayList<SerializedSnapshot>();
        for (int i = 0; i < accounts; i++) {
            String id = LoadSpec.accountId(i);
            events.addAll(Seeder.history(id, 1, 1));
            snapshots.add(Seeder.snapshot(id, 1, 1));
        }
        Seeder.insertEvents(target, TABLES, events);
        if (shape == Shape.AGGREGATE_STORE) {
            Seeder.insertSnapshots(target, TABLES, snapshots);
        }
        target.analyze(TABLES);
    }

    private static String eventsPerAccount(SqlTarget target, int accounts) {
        try (Connection connection = target.pool().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TABLES.events())) {
            rows.next();
            return "events per account at the end: " + rows.getLong(1) / Math.max(1, accounts);
        } catch (SQLException e) {
            return "events per account unknown (" + e.getMessage() + ")";
        }
    }
}
