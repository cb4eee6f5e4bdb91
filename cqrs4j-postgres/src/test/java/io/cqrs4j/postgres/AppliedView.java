// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;
import java.util.ArrayList;
import java.util.List;

/**
 * A view that records the sequence of every event applied to it, in the order applied: an event
 * lost, applied twice or out of order shows in the list. Updated by a plain (not tracking)
 * {@link io.cqrs4j.persist.GenericQuery}, so nothing hides a duplicate delivery.
 */
record AppliedView(List<Long> sequences) implements View<BankAccount.Event> {

    static AppliedView empty() {
        return new AppliedView(List.of());
    }

    @Override
    public AppliedView update(EventEnvelope<BankAccount.Event> envelope) {
        var applied = new ArrayList<>(sequences);
        applied.add(envelope.sequence());
        return new AppliedView(List.copyOf(applied));
    }
}
