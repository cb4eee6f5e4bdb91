// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.DomainEvent;
import io.cqrs4j.Query;
import io.cqrs4j.persist.PersistedEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs a durable projection: one aggregate type's events, read from an {@link EventLog} after the
 * projection's checkpoint in a {@link ProjectionStore}, dispatched to a {@link Query} on a virtual
 * thread. Nothing is lost when the process dies between commit and dispatch, a view database is
 * down for a while, or a projection is added later: it catches up from its checkpoint (a new one
 * from the start of the log), then follows new events.
 *
 * {@snippet :
 * var ledger = GenericQuery.tracking(views, AccountLedgerView::initial);
 * try (var runner = ProjectionRunner.builder("account-ledger", accountStore, ledger)
 *         .eventLog(repository)
 *         .projectionStore(projections)
 *         .build()) {
 *     runner.start();
 *     runner.awaitCheckpoint(LogPosition.of(committed.globalPosition()), Duration.ofSeconds(5));
 * }
 * }
 *
 * <ul>
 *   <li>One instance per name runs at a time: it holds the lease, renewing it when a third of its
 *       time has passed; the others stand by and take over when it is released ({@link #close()})
 *       or expires. The fencing token keeps a taken-over instance from moving the checkpoint.</li>
 *   <li>Events are read in batches; consecutive events of one aggregate go to the query in one
 *       dispatch; each batch runs inside {@link ProjectionStore#applyAndCheckpoint}. Events of
 *       other aggregate types are skipped, and the checkpoint moves past them.</li>
 *   <li>A failed batch is tried again event by event, each with exponential back-off, so one bad
 *       event is isolated. A {@link io.cqrs4j.DatabaseConnectionException} is retried until the
 *       database is back; any other failure parks the event after the last attempt, and the
 *       {@link FailurePolicy} decides whether the projection halts on it or goes on.</li>
 *   <li>Delivery is at least once (exactly once in effect where the store shares the view's
 *       transaction): use an idempotent query such as {@link io.cqrs4j.persist.GenericQuery#tracking}.</li>
 * </ul>
 *
 * <p>Thread-safe. Logs through {@link System.Logger} under this class's name.
 */
public final class ProjectionRunner implements AutoCloseable {

    private final Settings settings;
    private final Signal signal = new Signal();
    private final ProjectionLoop loop;

    private ProjectionRunner(Settings settings) {
        this.settings = settings;
        this.loop = new ProjectionLoop(settings, signal);
    }

    /**
     * Starts configuring a projection of {@code events}' aggregate type into {@code query}.
     *
     * @param name the projection's name, unique per projection store; its checkpoint's key
     * @param events the aggregate's store: its type selects the events, and it decodes them with its
     *     serializer and upcasters
     * @param query receives the events
     * @param <E> the event type
     * @return a builder
     */
    public static <E extends DomainEvent> Builder<E> builder(String name, PersistedEventStore<?, E> events,
                                                             Query<E> query) {
        return new Builder<>(name, events, query);
    }

    /**
     * The projection's name.
     *
     * @return the name
     */
    public String name() {
        return settings.name();
    }

    /**
     * Starts the projection on a virtual thread: take the lease (or stand by), catch up from the
     * checkpoint, follow new events.
     *
     * @throws IllegalStateException when it is running already
     */
    public void start() {
        loop.start();
    }

    /**
     * Stops after the batch in hand and releases the lease, so that another instance takes over
     * at once. Does nothing when not started.
     */
    @Override
    public void close() {
        loop.close();
    }

    /**
     * Where the projection stands: its state, the store's checkpoint, the lag, errors and parked
     * events.
     *
     * @return the status
     * @throws io.cqrs4j.CqrsException when the store or the log cannot be read
     */
    public ProjectionStatus status() {
        LogPosition checkpoint = settings.store().checkpoint(name());
        long lag = settings.log().countAfter(checkpoint);
        Duration lagTime = Duration.ZERO;
        if (lag > 0) {
            List<LoggedEvent> oldest = settings.log().read(checkpoint, 1).events();
            if (!oldest.isEmpty()) {
                Instant recorded = oldest.getFirst().recordedAt();
                Duration waited = Duration.between(recorded, settings.clock().instant());
                lagTime = waited.isNegative() ? Duration.ZERO : waited;
            }
        }
        return new ProjectionStatus(name(), loop.worker().state(), checkpoint, lag, lagTime,
                loop.worker().lastError(), loop.worker().heldBack(), settings.owner(), settings.store().parked(name()).size());
    }

    /**
     * The projection's parked events, oldest first.
     *
     * @return the parked events
     */
    public List<ParkedEvent> parked() {
        return settings.store().parked(name());
    }

    /**
     * Dispatches every parked event again, oldest first, on this instance (which must hold the
     * lease, or take it). An event that succeeds is unparked; one that fails again stays parked
     * with its new error, and so do the later events of its aggregate. When the projection halted
     * on an event and that event now succeeds, the checkpoint moves past it and the projection
     * goes on.
     *
     * @return how many events were unparked
     * @throws IllegalStateException when another instance holds the lease
     * @throws LeaseLostException when the lease was taken over meanwhile
     */
    public int retryParked() {
        return loop.operate(loop.worker()::retryParked);
    }

    /**
     * Ends a {@link ProjectionStatus.State#HALTED} state: the projection tries the event it halted on
     * again, with its retries, and goes on when it succeeds (or halts again). Does nothing when
     * the projection is not halted.
     */
    public void resume() {
        loop.operate(() -> {
            loop.worker().resume();
            return null;
        });
    }

    /**
     * Rebuilds the projection from the start of the log: forgets its checkpoint and parked events,
     * runs the {@linkplain Builder#onReset reset hook} (which clears the read model), and goes on
     * from the start. This instance must hold the lease or take it; when the runner is not started,
     * it takes the lease for the reset and releases it after.
     *
     * @throws IllegalStateException when another instance holds the lease
     * @throws RuntimeException what the reset hook threw; the projection is then halted until
     *     reset() succeeds
     */
    public void reset() {
        loop.operate(() -> {
            loop.worker().reset();
            return null;
        });
    }

    /**
     * Waits until the projection's checkpoint (in the store, whichever instance moves it) reaches
     * {@code position}, for tests and read-your-writes. An event parked under
     * {@link FailurePolicy#CONTINUE} counts as passed.
     *
     * @param position the position to reach, e.g. {@code LogPosition.of(envelope.globalPosition())}
     * @param timeout the longest wait
     * @return true when reached, false when the time ran out
     * @throws InterruptedException when interrupted
     */
    public boolean awaitCheckpoint(LogPosition position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (settings.store().checkpoint(name()).compareTo(position) < 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            signal.await(Duration.ofNanos(Math.min(left, settings.pollInterval().toNanos())));
        }
        return true;
    }

    /**
     * Configures a {@link ProjectionRunner}; {@link #eventLog} and {@link #projectionStore} are
     * required, the rest have defaults.
     *
     * @param <E> the event type
     */
    public static final class Builder<E extends DomainEvent> {

        private final String name;
        private final Projector<E> projector;
        private EventLog log;
        private ProjectionStore store;
        private int batchSize = 100;
        private Duration pollInterval = Duration.ofMillis(500);
        private Duration leaseTtl = Duration.ofSeconds(30);
        private int attempts = 5;
        private Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
        private FailurePolicy policy = FailurePolicy.HALT;
        private Runnable onReset = () -> { };
        private String owner = ProcessHandle.current().pid() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
        private Clock clock = Clock.systemUTC();

        private Builder(String name, PersistedEventStore<?, E> events, Query<E> query) {
            this.name = Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a projection needs a non-blank name, such as \"account-ledger\"");
            }
            Objects.requireNonNull(events, "events");
            this.projector = new Projector<>(events.aggregateType(), events::decode, Objects.requireNonNull(query, "query"));
        }

        /**
         * Where the events come from, in global order: the backend's event log (the in-memory
         * repository is one). Required.
         *
         * @param eventLog the log
         * @return this builder
         */
        public Builder<E> eventLog(EventLog eventLog) {
            this.log = Objects.requireNonNull(eventLog, "eventLog");
            return this;
        }

        /**
         * Where the checkpoint, the lease and the parked events live. Required.
         *
         * @param projectionStore the store
         * @return this builder
         */
        public Builder<E> projectionStore(ProjectionStore projectionStore) {
            this.store = Objects.requireNonNull(projectionStore, "projectionStore");
            return this;
        }

        /**
         * The most events read and applied in one batch; 100 by default.
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder<E> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("projection " + name + ": batch size must be at least 1 but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * The longest wait for new events when caught up (a log with notifications wakes sooner),
         * and between attempts to take the lease; 500 ms by default. It bounds the latency.
         *
         * @param pollInterval positive, at most a third of the lease time
         * @return this builder
         */
        public Builder<E> pollInterval(Duration pollInterval) {
            this.pollInterval = positive("poll interval", pollInterval);
            return this;
        }

        /**
         * How long a lease lasts unless renewed: how soon another instance takes over from one
         * that died; 30 s by default.
         *
         * @param leaseTtl positive, at least three poll intervals
         * @return this builder
         */
        public Builder<E> leaseTtl(Duration leaseTtl) {
            this.leaseTtl = positive("lease time", leaseTtl);
            return this;
        }

        /**
         * How a failing event is retried before it is parked: {@code attempts} tries, pausing
         * {@code base}, then twice as long each time up to {@code max}, with jitter; 5 tries from
         * 100 ms up to 10 s by default.
         *
         * @param attempts at least 1
         * @param base the first pause, positive
         * @param max the longest pause, at least {@code base}
         * @return this builder
         */
        public Builder<E> retry(int attempts, Duration base, Duration max) {
            if (attempts < 1) {
                throw new IllegalArgumentException("projection " + name + ": attempts must be at least 1 but was " + attempts);
            }
            this.backoff = new Backoff(base, max);
            this.attempts = attempts;
            return this;
        }

        /**
         * What happens after an event is parked; {@link FailurePolicy#HALT} by default.
         *
         * @param policy halt on it or go on past it
         * @return this builder
         */
        public Builder<E> onFailure(FailurePolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Clears the read model when the projection is {@linkplain ProjectionRunner#reset() reset},
         * before it is rebuilt from the start; nothing by default.
         *
         * @param clearReadModel e.g. {@code () -> jdbc.update("DELETE FROM account_ledger")}
         * @return this builder
         */
        public Builder<E> onReset(Runnable clearReadModel) {
            this.onReset = Objects.requireNonNull(clearReadModel, "clearReadModel");
            return this;
        }

        /**
         * This instance's lease owner id, unique among the instances; {@code pid-random} by default.
         *
         * @param owner e.g. {@code host:pid}
         * @return this builder
         */
        public Builder<E> owner(String owner) {
            if (Objects.requireNonNull(owner, "owner").isBlank()) {
                throw new IllegalArgumentException("projection " + name + ": owner must not be blank");
            }
            this.owner = owner;
            return this;
        }

        /**
         * The clock for lag in time and parking times; the system clock by default.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder<E> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the runner; {@link ProjectionRunner#start()} starts it.
         *
         * @return the runner
         * @throws IllegalStateException when the event log or the projection store is missing, or
         *     the lease is shorter than three poll intervals
         */
        public ProjectionRunner build() {
            if (log == null || store == null) {
                throw new IllegalStateException("projection " + name + ": " + (log == null ? "eventLog" : "projectionStore")
                        + "(...) is required; pass the backend's (or the in-memory) one");
            }
            if (leaseTtl.compareTo(pollInterval.multipliedBy(3)) < 0) {
                throw new IllegalStateException("projection " + name + ": the lease time " + leaseTtl
                        + " must be at least three poll intervals (" + pollInterval + ") so it is renewed in time");
            }
            return new ProjectionRunner(new Settings(name, owner, log, store, projector, batchSize, pollInterval,
                    leaseTtl, attempts, backoff, policy, clock, onReset));
        }

        private Duration positive(String what, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("projection " + name + ": " + what + " must be positive but was " + value);
            }
            return value;
        }
    }
}
