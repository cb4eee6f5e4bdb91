// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cqrs4j.example.bank.BankAccount;
import io.cqrs4j.example.bank.BankAccountCommand;
import io.cqrs4j.example.bank.BankAccountCommand.DepositMoney;
import io.cqrs4j.example.bank.BankAccountCommand.OpenAccount;
import io.cqrs4j.example.bank.BankAccountCommand.WithdrawMoney;
import io.cqrs4j.example.bank.BankAccountEvent;
import io.cqrs4j.example.bank.MockBankAccountServices;
import io.cqrs4j.memory.InMemoryEventStore;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CqrsFrameworkCacheTest {

    private final CountingStore store = new CountingStore(InMemoryEventStore.create(BankAccount::initial));

    private CqrsFramework<BankAccount, BankAccountCommand, BankAccountEvent> framework(int retries) {
        return CqrsFramework.builder(store).services(new MockBankAccountServices())
                .cacheAggregates(100).retryOnConflict(retries).build();
    }

    @Test
    void a_hot_aggregate_is_loaded_once_and_then_served_from_the_cache() {
        var cqrs = framework(0);

        cqrs.execute("ACCT-1", new OpenAccount("ACCT-1"));
        for (int i = 0; i < 10; i++) {
            cqrs.execute("ACCT-1", new DepositMoney(BigDecimal.TEN));
        }

        assertThat(store.loads.get()).isEqualTo(1);
        assertThat(cqrs.load("ACCT-1").aggregate().balance()).isEqualByComparingTo("100");
        assertThat(store.loadEvents("ACCT-1")).extracting(EventEnvelope::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void a_conflict_catches_the_cached_state_up_with_the_missed_events_instead_of_reloading_the_history() {
        var cached = framework(3);
        var other = framework(0);
        cached.execute("ACCT-1", new OpenAccount("ACCT-1"));
        other.execute("ACCT-1", new DepositMoney(new BigDecimal("5")));
        other.execute("ACCT-1", new DepositMoney(new BigDecimal("7")));
        int loadsBefore = store.loads.get();

        CommandResult<BankAccountEvent> result = cached.execute("ACCT-1", new DepositMoney(BigDecimal.ONE));

        assertThat(store.loads.get()).as("loads after the conflict").isEqualTo(loadsBefore);
        assertThat(result.version()).isEqualTo(4);
        assertThat(result.events()).extracting(EventEnvelope::payload)
                .containsExactly(new BankAccountEvent.CustomerDepositedMoney(BigDecimal.ONE, new BigDecimal("13")));
        assertThat(cached.load("ACCT-1").aggregate().balance()).isEqualByComparingTo("13");
    }

    @Test
    void a_cached_state_made_stale_by_another_writer_conflicts_and_is_reloaded_never_committed() {
        var cached = framework(0);
        var other = framework(0);
        cached.execute("ACCT-1", new OpenAccount("ACCT-1"));
        other.execute("ACCT-1", new DepositMoney(new BigDecimal("5")));

        assertThatThrownBy(() -> cached.execute("ACCT-1", new DepositMoney(BigDecimal.ONE)))
                .isInstanceOf(AggregateConflictException.class);
        cached.execute("ACCT-1", new DepositMoney(BigDecimal.ONE));

        assertThat(cached.load("ACCT-1").aggregate().balance()).isEqualByComparingTo("6");
        assertThat(store.loadEvents("ACCT-1")).hasSize(3);
    }

    @Test
    void with_retry_on_a_stale_cache_is_invisible_to_the_caller() {
        var cached = framework(3);
        var other = framework(0);
        cached.execute("ACCT-1", new OpenAccount("ACCT-1"));
        other.execute("ACCT-1", new DepositMoney(new BigDecimal("5")));

        CommandResult<BankAccountEvent> result = cached.execute("ACCT-1", new DepositMoney(BigDecimal.ONE));

        assertThat(result.version()).isEqualTo(3);
        assertThat(result.events().getFirst().payload())
                .isEqualTo(new BankAccountEvent.CustomerDepositedMoney(BigDecimal.ONE, new BigDecimal("6")));
    }

    @Test
    void a_rejection_on_a_stale_cached_state_is_checked_against_the_store() {
        var cached = framework(0);
        var other = framework(0);
        cached.execute("ACCT-1", new OpenAccount("ACCT-1"));
        other.execute("ACCT-1", new DepositMoney(new BigDecimal("100")));

        CommandResult<BankAccountEvent> result = cached.execute("ACCT-1", new WithdrawMoney(new BigDecimal("40"), "ATM-1"));

        assertThat(result.version()).isEqualTo(3);
        assertThat(cached.load("ACCT-1").aggregate().balance()).isEqualByComparingTo("60");
    }

    @Test
    void a_rejection_confirmed_by_the_store_still_reaches_the_caller() {
        var cached = framework(0);
        cached.execute("ACCT-1", new OpenAccount("ACCT-1"));

        assertThatThrownBy(() -> cached.execute("ACCT-1", new WithdrawMoney(new BigDecimal("40"), "ATM-1")))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage("funds not available");
        assertThat(store.loadEvents("ACCT-1")).hasSize(1);
    }

    @Test
    void a_zero_size_cache_is_refused() {
        assertThatThrownBy(() -> CqrsFramework.builder(store).cacheAggregates(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    /** Counts loads; delegates everything, afterCommit included. */
    private static final class CountingStore implements EventStore<BankAccount, BankAccountEvent> {
        final EventStore<BankAccount, BankAccountEvent> delegate;
        final AtomicInteger loads = new AtomicInteger();

        CountingStore(EventStore<BankAccount, BankAccountEvent> delegate) {
            this.delegate = delegate;
        }

        @Override
        public String aggregateType() {
            return delegate.aggregateType();
        }

        @Override
        public AggregateContext<BankAccount> load(String aggregateId) {
            loads.incrementAndGet();
            return delegate.load(aggregateId);
        }

        @Override
        public List<EventEnvelope<BankAccountEvent>> loadEvents(String aggregateId) {
            return delegate.loadEvents(aggregateId);
        }

        @Override
        public List<EventEnvelope<BankAccountEvent>> commit(AggregateContext<BankAccount> context,
                                                             List<BankAccountEvent> events, Metadata metadata) {
            return delegate.commit(context, events, metadata);
        }

        @Override
        public Optional<AggregateContext<BankAccount>> afterCommit(AggregateContext<BankAccount> context,
                                                                   List<EventEnvelope<BankAccountEvent>> committed) {
            return delegate.afterCommit(context, committed);
        }

        @Override
        public Optional<AggregateContext<BankAccount>> catchUp(AggregateContext<BankAccount> stale) {
            return delegate.catchUp(stale);
        }
    }
}
