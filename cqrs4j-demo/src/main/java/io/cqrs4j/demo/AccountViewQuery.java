// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Query;
import io.cqrs4j.UnexpectedException;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewRepository;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account view ({@code account_query}): a tracking {@link GenericQuery}, whose stored version is
 * the sequence of the last event applied (as cqrs-demo's views are, one event per command), plus a
 * catch-up that cqrs-demo lacks.
 *
 * <p>An event the view already holds is skipped. When the view is behind the committed events (a
 * dispatch of another process has not stored yet, or the view table was added to an existing
 * database) or another process stored it first, the view catches up from the account's events in
 * the store, one version per event, so it converges on every event exactly once.
 */
final class AccountViewQuery implements Query<BankAccountEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountViewQuery.class);
    private static final int MAX_CATCH_UPS = 5;

    private final ViewRepository<BankAccountView> views;
    private final GenericQuery<BankAccountView, BankAccountEvent> query;
    private final EventStore<BankAccount, BankAccountEvent> events;

    AccountViewQuery(ViewRepository<BankAccountView> views, EventStore<BankAccount, BankAccountEvent> events) {
        this.views = views;
        this.query = GenericQuery.tracking(views, BankAccountView::initial);
        this.events = events;
    }

    /**
     * Loads one account's view with its version, the sequence of the last event it holds.
     *
     * @param accountId the account
     * @return the view and its version, or empty when no event has reached it
     */
    Optional<StoredView<BankAccountView>> loadWithVersion(String accountId) {
        return views.loadWithContext(accountId);
    }

    /**
     * Loads one account's view.
     *
     * @param accountId the account
     * @return the view, or empty when the account has no events
     */
    Optional<BankAccountView> load(String accountId) {
        return query.load(accountId);
    }

    @Override
    public void dispatch(String aggregateId, List<EventEnvelope<BankAccountEvent>> committed) {
        try {
            query.dispatch(aggregateId, committed);
        } catch (AggregateConflictException | UnexpectedException behind) {
            LOG.info("account {}: the view is not where these events follow ({}); catching up from the store",
                    aggregateId, behind.getMessage());
            catchUp(aggregateId);
        }
    }

    private void catchUp(String accountId) {
        for (int attempt = 1; ; attempt++) {
            try {
                query.dispatch(accountId, events.loadEvents(accountId));
                return;
            } catch (AggregateConflictException again) {
                if (attempt == MAX_CATCH_UPS) {
                    throw again;
                }
            }
        }
    }
}
