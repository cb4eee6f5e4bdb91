// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The command loop for one aggregate type: load, handle, commit, dispatch, return.
 *
 * {@snippet :
 * var cqrs = CqrsFramework.builder(store)
 *         .services(new HappyPathBankAccountServices())
 *         .query(accountView)
 *         .retryOnConflict(3)
 *         .build();
 * CommandResult<BankAccountEvent> result = cqrs.execute("ACCT-1", new DepositMoney(amount), metadata);
 * }
 *
 * <p>Thread-safe; one instance serves all callers. A command that produced no events commits and
 * dispatches nothing. A query that throws is logged and counted ({@link #queryFailures()}) and
 * never fails the command, which is already committed.
 *
 * @param <A> the aggregate type
 * @param <C> the command type
 * @param <E> the event type
 */
public final class CqrsFramework<A extends Aggregate<C, E, ?>, C, E extends DomainEvent> {

    private static final System.Logger LOG = System.getLogger(CqrsFramework.class.getName());

    private final EventStore<A, E> store;
    private final BiFunction<A, C, List<E>> handler;
    private final List<Query<E>> queries;
    private final int maxRetries;
    private final Duration maxBackoff;
    private final AggregateCache<A> cache;
    private final AtomicLong queryFailures = new AtomicLong();

    private CqrsFramework(Builder<A, C, E, ?> builder, BiFunction<A, C, List<E>> handler) {
        this.store = builder.store;
        this.handler = handler;
        this.queries = List.copyOf(builder.queries);
        this.maxRetries = builder.maxRetries;
        this.maxBackoff = builder.maxBackoff;
        this.cache = builder.cacheSize > 0 ? new AggregateCache<>(builder.cacheSize) : null;
    }

    /**
     * Starts a framework over {@code store}.
     *
     * @param store where the aggregate's events live
     * @param <A> the aggregate type
     * @param <C> the command type
     * @param <E> the event type
     * @param <S> the services type
     * @return a builder
     */
    public static <A extends Aggregate<C, E, S>, C, E extends DomainEvent, S> Builder<A, C, E, S> builder(
            EventStore<A, E> store) {
        return new Builder<>(store);
    }

    /**
     * Executes a command without metadata.
     *
     * @param aggregateId the target aggregate
     * @param command the command
     * @return the committed events and the new version
     * @throws CommandRejectedException when the aggregate rejects the command
     * @throws AggregateConflictException when a concurrent command won (after any retries)
     * @throws CqrsException for store and serialization failures
     */
    public CommandResult<E> execute(String aggregateId, C command) {
        return execute(aggregateId, command, Metadata.empty());
    }

    /**
     * Executes a command: load, handle, commit with {@code metadata} on every event, dispatch.
     *
     * @param aggregateId the target aggregate
     * @param command the command
     * @param metadata stored beside every event the command produces
     * @return the committed events and the new version
     * @throws CommandRejectedException when the aggregate rejects the command
     * @throws AggregateConflictException when a concurrent command won (after any retries)
     * @throws CqrsException for store and serialization failures
     */
    public CommandResult<E> execute(String aggregateId, C command, Metadata metadata) {
        requireId(aggregateId);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(metadata, "metadata");
        for (int attempt = 0; ; attempt++) {
            try {
                return executeOnce(aggregateId, command, metadata);
            } catch (AggregateConflictException conflict) {
                if (attempt >= maxRetries) {
                    throw conflict;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Loads an aggregate's current state for reading (cqrs-es has no such call).
     *
     * @param aggregateId the aggregate
     * @return its state and version; version 0 and the initial state when it has no events
     */
    public AggregateContext<A> load(String aggregateId) {
        requireId(aggregateId);
        return store.load(aggregateId);
    }

    /**
     * How many query dispatches have thrown since this framework was built.
     *
     * @return the count of failed dispatches
     */
    public long queryFailures() {
        return queryFailures.get();
    }

    private CommandResult<E> executeOnce(String aggregateId, C command, Metadata metadata) {
        AggregateContext<A> cached = cache == null ? null : cache.get(aggregateId);
        AggregateContext<A> context = cached != null ? cached : store.load(aggregateId);
        List<E> events;
        try {
            events = handle(context, command);
        } catch (CommandRejectedException rejected) {
            if (cached == null) {
                throw rejected;
            }
            events = null;
        }
        if (cached != null && (events == null || events.isEmpty())) {
            // A cached state may be stale: a rejection or a no-op must come from the store's current state.
            cache.evict(aggregateId);
            context = store.load(aggregateId);
            events = handle(context, command);
        }
        if (events.isEmpty()) {
            return new CommandResult<>(aggregateId, List.of(), context.version());
        }
        List<EventEnvelope<E>> committed = commit(context, events, metadata);
        dispatch(aggregateId, committed);
        return new CommandResult<>(aggregateId, committed, context.version() + committed.size());
    }

    private List<EventEnvelope<E>> commit(AggregateContext<A> context, List<E> events, Metadata metadata) {
        if (cache == null) {
            return store.commit(context, events, metadata);
        }
        List<EventEnvelope<E>> committed;
        try {
            committed = store.commit(context, events, metadata);
        } catch (AggregateConflictException e) {
            // stale: bring it up to date where the store can cheaply, else drop it (keeping a winner's newer entry)
            store.catchUp(context).ifPresentOrElse(cache::put,
                    () -> cache.evictUnlessNewer(context.aggregateId(), context.version()));
            throw e;
        } catch (RuntimeException e) {
            cache.evict(context.aggregateId());   // unknown after a failure: reload next time
            throw e;
        }
        store.afterCommit(context, committed).ifPresentOrElse(cache::put, () -> cache.evict(context.aggregateId()));
        return committed;
    }

    private List<E> handle(AggregateContext<A> context, C command) {
        List<E> events;
        try {
            events = handler.apply(context.aggregate(), command);
        } catch (CqrsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UnexpectedException(store.aggregateType() + " " + context.aggregateId()
                    + ": handle(" + command.getClass().getSimpleName() + ") threw " + e, e);
        }
        if (events == null || events.stream().anyMatch(Objects::isNull)) {
            throw new UnexpectedException(store.aggregateType() + " " + context.aggregateId()
                    + ": handle(" + command.getClass().getSimpleName()
                    + ") returned a null list or a null event; return List.of() for no events", null);
        }
        return events;
    }

    private void dispatch(String aggregateId, List<EventEnvelope<E>> committed) {
        for (Query<E> query : queries) {
            try {
                query.dispatch(aggregateId, committed);
            } catch (RuntimeException e) {
                queryFailures.incrementAndGet();
                LOG.log(Level.ERROR, () -> "query " + query.getClass().getName() + " failed on "
                        + store.aggregateType() + " " + aggregateId + " sequences "
                        + committed.getFirst().sequence() + ".." + committed.getLast().sequence()
                        + "; the events are committed, the query missed them", e);
            }
        }
    }

    private void backOff(int attempt) {
        if (attempt == 0 || maxBackoff.isZero()) {
            Thread.onSpinWait();
            return;
        }
        long capMicros = Math.min(maxBackoff.toNanos() / 1000, 100L << Math.min(attempt, 20));
        long micros = ThreadLocalRandom.current().nextLong(capMicros + 1);
        try {
            Thread.sleep(Duration.ofNanos(micros * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnexpectedException("interrupted while backing off after a conflict", e);
        }
    }

    private static void requireId(String aggregateId) {
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (aggregateId.isEmpty()) {
            throw new IllegalArgumentException("aggregateId must not be empty");
        }
    }

    /**
     * Configures a {@link CqrsFramework}.
     *
     * @param <A> the aggregate type
     * @param <C> the command type
     * @param <E> the event type
     * @param <S> the services type
     */
    public static final class Builder<A extends Aggregate<C, E, S>, C, E extends DomainEvent, S> {

        private final EventStore<A, E> store;
        private final List<Query<E>> queries = new ArrayList<>();
        private S services;
        private int maxRetries;
        private Duration maxBackoff = Duration.ofMillis(50);
        private int cacheSize;

        private Builder(EventStore<A, E> store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * The services {@code handle} receives; none (null) by default.
         *
         * @param services the services
         * @return this builder
         */
        public Builder<A, C, E, S> services(S services) {
            this.services = services;
            return this;
        }

        /**
         * Adds a query; queries run in the order they are added, after each commit.
         *
         * @param query the query
         * @return this builder
         */
        public Builder<A, C, E, S> query(Query<E> query) {
            queries.add(Objects.requireNonNull(query, "query"));
            return this;
        }

        /**
         * On a conflict, loads and handles the command again, up to {@code maxRetries} more times
         * with a short jittered back-off; off (0) by default.
         *
         * @param maxRetries how many times to retry, 0 or more
         * @return this builder
         */
        public Builder<A, C, E, S> retryOnConflict(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must be 0 or more but was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Like {@link #retryOnConflict(int)}, with the longest pause between two attempts.
         *
         * @param maxRetries how many times to retry, 0 or more
         * @param maxBackoff the longest pause; zero retries at once
         * @return this builder
         */
        public Builder<A, C, E, S> retryOnConflict(int maxRetries, Duration maxBackoff) {
            if (maxBackoff.isNegative()) {
                throw new IllegalArgumentException("maxBackoff must not be negative but was " + maxBackoff);
            }
            this.maxBackoff = maxBackoff;
            return retryOnConflict(maxRetries);
        }

        /**
         * Keeps up to {@code maxAggregates} recently used aggregates in memory, so a command on a
         * hot aggregate costs one commit and no load; off by default. Safe under optimistic
         * concurrency: a cached state that another process made stale fails its commit with a
         * conflict and is reloaded (retry on conflict makes that invisible), and a rejection or
         * an empty result is always confirmed against the store's current state. Works with
         * stores that implement {@link EventStore#afterCommit}.
         *
         * @param maxAggregates how many aggregates to keep, at least 1
         * @return this builder
         */
        public Builder<A, C, E, S> cacheAggregates(int maxAggregates) {
            if (maxAggregates < 1) {
                throw new IllegalArgumentException("maxAggregates must be at least 1 but was " + maxAggregates);
            }
            this.cacheSize = maxAggregates;
            return this;
        }

        /**
         * Builds the framework.
         *
         * @return the framework
         */
        public CqrsFramework<A, C, E> build() {
            S boundServices = services;
            return new CqrsFramework<>(this, (aggregate, command) -> aggregate.handle(command, boundServices));
        }
    }
}
