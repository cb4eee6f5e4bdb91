// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.EventEnvelope;
import io.cqrs4j.EventStore;
import io.cqrs4j.Query;
import io.cqrs4j.demo.domain.BankAccount;
import io.cqrs4j.demo.domain.BankAccountEvent;
import io.cqrs4j.demo.domain.BankAccountView;
import io.cqrs4j.persist.GenericQuery;
import io.cqrs4j.persist.StoredView;
import io.cqrs4j.persist.ViewContext;
import io.cqrs4j.persist.ViewRepository;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account view ({@code account_query}): a {@link GenericQuery}, plus a repair that cqrs-demo
 * lacks. When another process stored the view first (a stale update), the view is rebuilt from all
 * the account's events and stored against the version just read, instead of silently missing the
 * events of the update that lost.
 *
 * <p>Within one process the routes run an account's commands one at a time, so the view is exact.
 * Across processes the view holds no sequence to check against, so an incremental update racing a
 * rebuild can still apply an event twice; views that must be exact there are durable projections.
 */
final class AccountViewQuery implements Query<BankAccountEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountViewQuery.class);
    private static final int MAX_REBUILDS = 5;

    private final GenericQuery<BankAccountView, BankAccountEvent> query;
    private final ViewRepository<BankAccountView> views;
    private final EventStore<BankAccount, BankAccountEvent> events;

    AccountViewQuery(ViewRepository<BankAccountView> views, EventStore<BankAccount, BankAccountEvent> events) {
        this.query = GenericQuery.create(views, BankAccountView::initial);
        this.views = views;
        this.events = events;
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
        } catch (AggregateConflictException stale) {
            LOG.info("account {}: view changed concurrently ({}); rebuilding it from the events", aggregateId, stale.getMessage());
            rebuild(aggregateId);
        }
    }

    private void rebuild(String accountId) {
        for (int attempt = 1; ; attempt++) {
            // read the version before the events: whoever stores after this read makes our update conflict
            ViewContext context = views.loadWithContext(accountId).map(StoredView::context)
                    .orElseGet(() -> ViewContext.newView(accountId));
            BankAccountView view = BankAccountView.initial();
            for (EventEnvelope<BankAccountEvent> event : events.loadEvents(accountId)) {
                view = view.update(event);
            }
            try {
                views.updateView(view, context);
                return;
            } catch (AggregateConflictException again) {
                if (attempt == MAX_REBUILDS) {
                    throw again;
                }
            }
        }
    }
}
