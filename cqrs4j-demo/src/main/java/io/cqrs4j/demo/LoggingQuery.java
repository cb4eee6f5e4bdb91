// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.Query;
import io.cqrs4j.demo.domain.BankAccountEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every committed event with its sequence and metadata (cqrs-demo's {@code SimpleLoggingQuery}, through SLF4J). */
final class LoggingQuery implements Query<BankAccountEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingQuery.class);

    @Override
    public void dispatch(String aggregateId, List<EventEnvelope<BankAccountEvent>> events) {
        for (EventEnvelope<BankAccountEvent> event : events) {
            LOG.info("account {} #{}: {} {}", aggregateId, event.sequence(), event.payload(), event.metadata().values());
        }
    }
}
