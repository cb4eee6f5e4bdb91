// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import static io.cqrs4j.dynamodb.TestEvents.event;
import static io.cqrs4j.dynamodb.TestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.persist.PersistedEventRepository;
import io.cqrs4j.persist.PersistedEventStore;
import io.cqrs4j.persist.SerializedEvent;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DynamoDbConcurrencyTest {

    private static final int WRITERS = 6;

    private final PersistedEventRepository repository = TestDynamo.freshRepository();

    @Test
    void of_racing_commits_from_the_same_version_exactly_one_lands() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = newId();
            repository.persist(List.of(event("counter", id, 1, "first")), null);

            List<Outcome> outcomes = race(writer -> {
                repository.persist(List.of(event("counter", id, 2, "w" + writer), event("counter", id, 3, "w" + writer)), null);
                return "w" + writer;
            });

            List<String> winners = outcomes.stream().filter(o -> o.winner() != null).map(Outcome::winner).toList();
            assertThat(winners).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o.winner() == null)
                    .allSatisfy(o -> assertThat(o.error()).isInstanceOf(AggregateConflictException.class));
            assertThat(repository.getEvents("counter", id)).extracting(SerializedEvent::payload)
                    .containsExactly(event("counter", id, 1, "first").payload(),
                            event("counter", id, 2, winners.getFirst()).payload(),
                            event("counter", id, 3, winners.getFirst()).payload());
        }
    }

    @Test
    void racing_commands_retried_on_conflict_all_land_once() throws Exception {
        var store = PersistedEventStore.snapshotting(repository, new Counter.Serializer(), 3);
        var cqrs = CqrsFramework.<Counter, Counter.Add, Counter.Added, Void>builder(store).build();
        String id = newId();
        int commandsEach = 5;

        race(writer -> {
            for (int i = 0; i < commandsEach; i++) {
                executeUntilItLands(cqrs, id, new Counter.Add(writer + 1, 2, "n"));
            }
            return "w" + writer;
        });

        long expectedTotal = 0;
        for (int writer = 0; writer < WRITERS; writer++) {
            expectedTotal += (writer + 1) * 2L * commandsEach;
        }
        assertThat(cqrs.load(id).aggregate()).isEqualTo(new Counter(expectedTotal, WRITERS * commandsEach * 2L));
        assertThat(cqrs.load(id).version()).isEqualTo(WRITERS * commandsEach * 2L);
        assertThat(PersistedEventStore.eventSourced(repository, new Counter.Serializer()).load(id).aggregate())
                .isEqualTo(cqrs.load(id).aggregate());
    }

    @Test
    void of_racing_view_updates_from_the_same_version_exactly_one_lands() throws Exception {
        ViewRepository<String> views = DynamoDbCqrs.viewRepository(TestDynamo.client(), TestDynamo.freshViewTable(),
                new TextViews());
        views.updateView("start", ViewContext.newView("V-1"));
        ViewContext loaded = views.loadWithContext("V-1").orElseThrow().context();

        List<Outcome> outcomes = race(writer -> {
            views.updateView("w" + writer, loaded);
            return "w" + writer;
        });

        List<String> winners = outcomes.stream().filter(o -> o.winner() != null).map(Outcome::winner).toList();
        assertThat(winners).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o.winner() == null)
                .allSatisfy(o -> assertThat(o.error()).isInstanceOf(AggregateConflictException.class));
        assertThat(views.loadWithContext("V-1")).contains(new StoredView<>(winners.getFirst(), new ViewContext("V-1", 2)));
    }

    private static void executeUntilItLands(CqrsFramework<Counter, Counter.Add, Counter.Added> cqrs, String id,
                                            Counter.Add command) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            try {
                cqrs.execute(id, command);
                return;
            } catch (AggregateConflictException conflict) {
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("a command kept conflicting 1000 times");
    }

    /** Runs {@link #WRITERS} writers released at once; each returns its name or throws. */
    private static List<Outcome> race(Writer writer) throws InterruptedException, ExecutionException {
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<Outcome>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < WRITERS; i++) {
                int number = i;
                Callable<Outcome> task = () -> {
                    start.await();
                    try {
                        return new Outcome(writer.write(number), null);
                    } catch (RuntimeException e) {
                        return new Outcome(null, e);
                    }
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            var outcomes = new ArrayList<Outcome>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        }
    }

    @FunctionalInterface
    private interface Writer {
        String write(int writer);
    }

    private record Outcome(String winner, RuntimeException error) {
    }
}
