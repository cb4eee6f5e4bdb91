// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import static io.cqrs4j.conformance.TallyEvent.added;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.AggregateContext;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.CommandResult;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Metadata;
import io.cqrs4j.memory.InMemoryViewRepository;
import io.cqrs4j.persist.GenericQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link EventStore} does, seen through the {@link Tally} domain: loads fold each event
 * exactly once, commits are atomic and optimistic, metadata reaches every event, and the
 * framework's loop works on top.
 *
 * {@snippet :
 * class SnapshottingPostgresStoreContractTest extends EventStoreContract {
 *     protected EventStore<Tally, TallyEvent> createStore() {
 *         return PersistedEventStore.snapshotting(repository, Tally.serializer(), 4);
 *     }
 * }
 * }
 */
public abstract class EventStoreContract {

    /** The store under test, created before each test. */
    protected EventStore<Tally, TallyEvent> store;

    /**
     * Creates the store under test, for tallies of type {@link Tally#TYPE} ({@link Tally#initial()},
     * {@link Tally#serializer()}); called before every test. It may share its database with earlier
     * calls. It runs before the subclass's own {@code @BeforeEach} methods: keep pools and schemas
     * in static fields set up once (a pool per call would exhaust the database's connections).
     *
     * @return the store
     */
    protected abstract EventStore<Tally, TallyEvent> createStore();

    /** Creates the store under test. */
    @BeforeEach
    public void createStoreUnderTest() {
        store = createStore();
    }

    @Test
    public void names_the_aggregate_type() {
        assertThat(store.aggregateType()).isEqualTo(Tally.TYPE);
    }

    @Test
    public void a_new_aggregate_loads_at_version_0_with_the_initial_state() {
        String id = newId();

        AggregateContext<Tally> context = store.load(id);

        assertThat(context.aggregateId()).isEqualTo(id);
        assertThat(context.version()).isZero();
        assertThat(context.aggregate()).isEqualTo(Tally.initial());
        assertThat(store.loadEvents(id)).isEmpty();
    }

    @Test
    public void loads_the_state_after_each_event_applied_exactly_once() {
        String id = newId();
        var history = new ArrayList<TallyEvent>();

        for (int batch : new int[] {1, 3, 4, 1, 8, 2, 5}) {
            List<TallyEvent> events = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                events.add(added(history.size() + events.size() + 1, history.size() + i));
            }
            store.commit(store.load(id), events, Metadata.empty());
            history.addAll(events);

            AggregateContext<Tally> loaded = store.load(id);
            assertThat(loaded.version()).isEqualTo(history.size());
            assertThat(loaded.aggregate()).isEqualTo(Tally.fold(Tally.TYPE, history));
        }
    }

    @Test
    public void commit_returns_envelopes_with_the_next_sequences_and_the_metadata() {
        String id = newId();
        store.commit(store.load(id), List.of(added(1, 5)), Metadata.empty());
        Metadata metadata = Metadata.empty().with(Metadata.CORRELATION_ID, "c-1").with(Metadata.USER_AGENT, "test 😀");

        List<EventEnvelope<TallyEvent>> committed = store.commit(store.load(id),
                List.of(added(2, 6), new TallyEvent.Noted("e3", "hi")), metadata);

        assertThat(committed).extracting(EventEnvelope::sequence).containsExactly(2L, 3L);
        assertThat(committed).extracting(EventEnvelope::payload).containsExactly(added(2, 6), new TallyEvent.Noted("e3", "hi"));
        assertThat(committed).allSatisfy(envelope -> {
            assertThat(envelope.aggregateId()).isEqualTo(id);
            assertThat(envelope.metadata()).isEqualTo(metadata);
        });
    }

    @Test
    public void load_events_returns_every_event_in_order_with_the_metadata_of_its_command() {
        String id = newId();
        Metadata first = Metadata.empty().with("command", "first").with(Metadata.TIME, "2024-03-01T12:00:00Z");
        Metadata second = Metadata.empty().with("command", "second ü \"quoted\"");
        store.commit(store.load(id), List.of(added(1, 1), added(2, 2)), first);
        store.commit(store.load(id), List.of(new TallyEvent.Noted("e3", "𝄞 note")), second);

        List<EventEnvelope<TallyEvent>> events = store.loadEvents(id);

        assertThat(events).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(EventEnvelope::payload)
                .containsExactly(added(1, 1), added(2, 2), new TallyEvent.Noted("e3", "𝄞 note"));
        assertThat(events).extracting(EventEnvelope::metadata).containsExactly(first, first, second);
        assertThat(events).allSatisfy(event -> assertThat(event.aggregateId()).isEqualTo(id));
    }

    @Test
    public void committing_against_a_stale_context_conflicts_and_writes_nothing() {
        String id = newId();
        store.commit(store.load(id), List.of(added(1, 1)), Metadata.empty());
        AggregateContext<Tally> stale = store.load(id);
        store.commit(store.load(id), List.of(added(2, 2)), Metadata.empty());

        assertThatThrownBy(() -> store.commit(stale, List.of(added(2, 100), added(3, 100)), Metadata.empty()))
                .isInstanceOf(AggregateConflictException.class);

        assertThat(store.loadEvents(id)).extracting(EventEnvelope::payload).containsExactly(added(1, 1), added(2, 2));
        assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(Tally.TYPE, List.of(added(1, 1), added(2, 2))));
    }

    @Test
    public void of_two_concurrent_commits_from_one_version_exactly_one_wins() throws InterruptedException {
        String id = newId();
        store.commit(store.load(id), List.of(added(1, 1)), Metadata.empty());
        AggregateContext<Tally> mine = store.load(id);
        AggregateContext<Tally> theirs = store.load(id);

        List<Throwable> outcomes = Race.run(List.of(
                () -> store.commit(mine, List.of(added(2, 20), added(3, 30)), Metadata.empty()),
                () -> store.commit(theirs, List.of(added(2, 200)), Metadata.empty())));

        assertThat(outcomes.stream().filter(outcome -> outcome == null).count())
                .as("commits that succeeded, outcomes %s", outcomes).isEqualTo(1);
        assertThat(outcomes.stream().filter(outcome -> outcome != null).findFirst().orElseThrow())
                .isInstanceOf(AggregateConflictException.class);
        List<TallyEvent> expected = outcomes.get(0) == null
                ? List.of(added(1, 1), added(2, 20), added(3, 30))
                : List.of(added(1, 1), added(2, 200));
        assertThat(store.loadEvents(id)).extracting(EventEnvelope::payload).containsExactlyElementsOf(expected);
        assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(Tally.TYPE, expected));
    }

    @Test
    public void keeps_aggregates_apart() {
        String first = newId();
        String second = newId();

        store.commit(store.load(first), List.of(added(1, 1), added(2, 2)), Metadata.empty());
        store.commit(store.load(second), List.of(added(1, 7)), Metadata.empty());

        assertThat(store.load(first).aggregate().total()).isEqualTo(3);
        assertThat(store.load(second).aggregate().total()).isEqualTo(7);
        assertThat(store.loadEvents(second)).hasSize(1);
    }

    @Test
    public void runs_the_framework_loop_end_to_end() {
        String id = newId();
        var views = InMemoryViewRepository.<TallyView>create();
        var view = GenericQuery.create(views, TallyView::initial);
        var seen = new ArrayList<Long>();
        CqrsFramework<Tally, TallyCommand, TallyEvent> cqrs = CqrsFramework.builder(store)
                .query(view)
                .query((aggregateId, events) -> events.forEach(event -> seen.add(event.sequence())))
                .build();
        Metadata metadata = Metadata.empty().with(Metadata.CLIENT_IP, "127.0.0.1");

        CommandResult<TallyEvent> added = cqrs.execute(id, TallyCommand.Add.of(5, 7), metadata);
        CommandResult<TallyEvent> noted = cqrs.execute(id, new TallyCommand.Note("done ✓"), metadata);
        CommandResult<TallyEvent> nothing = cqrs.execute(id, new TallyCommand.Nothing(), metadata);

        assertThat(added.version()).isEqualTo(2);
        assertThat(added.events()).extracting(EventEnvelope::payload).containsExactly(added(1, 5), added(2, 7));
        assertThat(noted.version()).isEqualTo(3);
        assertThat(nothing.events()).isEmpty();
        assertThat(nothing.version()).isEqualTo(3);
        assertThatThrownBy(() -> cqrs.execute(id, new TallyCommand.Reject("no, thanks"), metadata))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("no, thanks");
        assertThat(cqrs.load(id).version()).isEqualTo(3);
        assertThat(cqrs.load(id).aggregate()).isEqualTo(Tally.fold(Tally.TYPE,
                List.of(added(1, 5), added(2, 7), new TallyEvent.Noted("e3", "done ✓"))));
        assertThat(view.load(id)).contains(new TallyView(3, 12, 3, "done ✓"));
        assertThat(seen).containsExactly(1L, 2L, 3L);
        assertThat(store.loadEvents(id)).extracting(EventEnvelope::metadata).containsOnly(metadata);
        assertThat(cqrs.queryFailures()).isZero();
    }

    @Test
    public void the_context_after_a_commit_is_the_one_a_load_would_give() {
        String id = newId();
        AggregateContext<Tally> context = store.load(id);
        var history = new ArrayList<TallyEvent>();

        for (int batch : new int[] {1, 3, 4, 1, 8, 2, 5}) {
            List<TallyEvent> events = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                events.add(added(history.size() + events.size() + 1, i));
            }
            List<EventEnvelope<TallyEvent>> committed = store.commit(context, events, Metadata.empty());
            history.addAll(events);
            Optional<AggregateContext<Tally>> after = store.afterCommit(context, committed);
            AggregateContext<Tally> loaded = store.load(id);

            after.ifPresent(next -> {
                assertThat(next.aggregateId()).isEqualTo(id);
                assertThat(next.version()).as("version after %d events", history.size()).isEqualTo(loaded.version());
                assertThat(next.aggregate()).as("state after %d events", history.size()).isEqualTo(loaded.aggregate());
            });
            context = after.orElse(loaded);
        }

        assertThat(store.load(id).version()).isEqualTo(history.size());
        assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(Tally.TYPE, history));
    }

    @Test
    public void the_framework_with_an_aggregate_cache_stays_right_when_another_writer_commits() {
        String id = newId();
        CqrsFramework<Tally, TallyCommand, TallyEvent> cached = CqrsFramework.builder(store)
                .cacheAggregates(16)
                .retryOnConflict(2, Duration.ZERO)
                .build();
        CqrsFramework<Tally, TallyCommand, TallyEvent> other = CqrsFramework.builder(store).build();
        cached.execute(id, TallyCommand.Add.of(1));
        cached.execute(id, TallyCommand.Add.of(2));
        other.execute(id, TallyCommand.Add.of(10));

        CommandResult<TallyEvent> result = cached.execute(id, TallyCommand.Add.of(3));
        other.execute(id, TallyCommand.Add.of(5));
        CommandResult<TallyEvent> nothing = cached.execute(id, new TallyCommand.Nothing());

        assertThat(result.version()).isEqualTo(4);
        assertThat(result.events()).extracting(EventEnvelope::payload).containsExactly(added(4, 3));
        assertThat(nothing.version()).as("a no-op is confirmed against the store").isEqualTo(5);
        assertThat(store.load(id).aggregate()).isEqualTo(Tally.fold(Tally.TYPE,
                List.of(added(1, 1), added(2, 2), added(3, 10), added(4, 3), added(5, 5))));
        assertThat(cached.load(id).version()).isEqualTo(5);
    }

    /**
     * How many threads the many-writers test runs, each executing {@link #commandsPerThread()}
     * commands through the framework with retries; 8 unless a backend needs fewer.
     *
     * @return the thread count
     */
    protected int writerThreads() {
        return 8;
    }

    /**
     * How many commands each writer thread executes; a backend may raise it for a longer race.
     *
     * @return the commands per thread
     */
    protected int commandsPerThread() {
        return 150;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    public void many_threads_executing_commands_with_retries_lose_and_double_nothing() throws InterruptedException {
        int threads = writerThreads();
        int perThread = commandsPerThread();
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> newId()).toList();
        var conflicts = new AtomicLong();
        CqrsFramework<Tally, TallyCommand, TallyEvent> cqrs = CqrsFramework.builder(new ConflictCounting(store, conflicts))
                .retryOnConflict(10_000, Duration.ofMillis(2))
                .build();
        var issued = new ConcurrentHashMap<String, Set<Long>>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        var start = new CountDownLatch(1);
        var writers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            long first = (long) t * perThread + 1;
            writers.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                try {
                    start.await();
                    for (long amount = first; amount < first + perThread; amount++) {
                        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                        issued.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(amount);
                        cqrs.execute(id, TallyCommand.Add.of(amount));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        assertThat(failures).as("failures beside %d conflicts that were retried", conflicts.get()).isEmpty();
        long stored = 0;
        for (String id : ids) {
            List<EventEnvelope<TallyEvent>> events = store.loadEvents(id);
            assertThat(events).as("%s: sequences", id).extracting(EventEnvelope::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, events.size()).boxed().toList());
            assertThat(events).as("%s: each issued amount exactly once", id)
                    .extracting(event -> ((TallyEvent.Added) event.payload()).amount())
                    .containsExactlyInAnyOrderElementsOf(issued.getOrDefault(id, Set.of()));
            AggregateContext<Tally> loaded = store.load(id);
            assertThat(loaded.version()).as(id).isEqualTo(events.size());
            assertThat(loaded.aggregate()).as(id)
                    .isEqualTo(Tally.fold(Tally.TYPE, events.stream().map(EventEnvelope::payload).toList()));
            stored += events.size();
        }
        assertThat(stored).isEqualTo((long) threads * perThread);
    }

    /** Counts the conflicts the framework retries, for the failure message. */
    private record ConflictCounting(EventStore<Tally, TallyEvent> store, AtomicLong conflicts)
            implements EventStore<Tally, TallyEvent> {

        @Override
        public String aggregateType() {
            return store.aggregateType();
        }

        @Override
        public AggregateContext<Tally> load(String aggregateId) {
            return store.load(aggregateId);
        }

        @Override
        public List<EventEnvelope<TallyEvent>> loadEvents(String aggregateId) {
            return store.loadEvents(aggregateId);
        }

        @Override
        public List<EventEnvelope<TallyEvent>> commit(AggregateContext<Tally> context, List<TallyEvent> events,
                                                      Metadata metadata) {
            try {
                return store.commit(context, events, metadata);
            } catch (AggregateConflictException e) {
                conflicts.incrementAndGet();
                throw e;
            }
        }

        @Override
        public Optional<AggregateContext<Tally>> afterCommit(AggregateContext<Tally> context,
                                                             List<EventEnvelope<TallyEvent>> committed) {
            return store.afterCommit(context, committed);
        }
    }

    /**
     * A fresh aggregate id.
     *
     * @return the id
     */
    protected static String newId() {
        return "tally-" + UUID.randomUUID();
    }
}
