// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CommandResult;
import io.cqrs4j.CqrsFramework;
import io.cqrs4j.Query;
import io.cqrs4j.memory.InMemoryEventRepository;
import io.cqrs4j.memory.InMemoryProjectionStore;
import io.cqrs4j.persist.PersistedEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything a projection test needs: ledgers stored in memory, a framework to post to them, a
 * projection store on a clock the test moves, and runners that are closed after the test.
 */
final class Ledgers implements AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(10);

    final InMemoryEventRepository repository = InMemoryEventRepository.create();
    final PersistedEventStore<Ledger, Ledger.Posted> store =
            PersistedEventStore.eventSourced(repository, new LedgerSerializer());
    final CqrsFramework<Ledger, Ledger.Post, Ledger.Posted> cqrs =
            CqrsFramework.builder(store).retryOnConflict(100, Duration.ofMillis(1)).cacheAggregates(100).build();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final InMemoryProjectionStore projections = InMemoryProjectionStore.create(clock);
    private final List<ProjectionRunner> runners = new ArrayList<>();

    /** A runner over these ledgers with quick polling and retries. */
    ProjectionRunner.Builder<Ledger.Posted> runner(String name, Query<Ledger.Posted> query) {
        return ProjectionRunner.builder(name, store, query)
                .eventLog(repository)
                .projectionStore(projections)
                .pollInterval(Duration.ofMillis(10))
                .leaseTtl(LEASE)
                .retry(3, Duration.ofMillis(1), Duration.ofMillis(4));
    }

    /** Builds and starts a runner; it is closed with these ledgers. */
    ProjectionRunner start(ProjectionRunner.Builder<Ledger.Posted> builder) {
        ProjectionRunner runner = builder.build();
        runners.add(runner);
        runner.start();
        return runner;
    }

    CommandResult<Ledger.Posted> post(String ledgerId, Long... amounts) {
        return cqrs.execute(ledgerId, new Ledger.Post(Arrays.asList(amounts)));
    }

    /** The position of the last event in the log. */
    LogPosition end() {
        return LogPosition.of(repository.countAfter(LogPosition.START));
    }

    /** Waits until {@code runner}'s checkpoint reaches the end of the log. */
    void awaitCaughtUp(ProjectionRunner runner) throws InterruptedException {
        LogPosition end = end();
        assertThat(runner.awaitCheckpoint(end, Duration.ofSeconds(20)))
                .as("projection %s reaches %s; status %s", runner.name(), end, runner.status())
                .isTrue();
    }

    @Override
    public void close() {
        runners.forEach(ProjectionRunner::close);
    }
}
