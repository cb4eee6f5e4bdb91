// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.EventEnvelope;
import io.cqrs4j.View;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger's read model that lists every sequence applied to it, so a test sees duplicates.
 *
 * @param balance the balance
 * @param applied the sequences applied, in order
 */
record LedgerView(long balance, List<Long> applied) implements View<Ledger.Posted> {

    static LedgerView initial() {
        return new LedgerView(0, List.of());
    }

    @Override
    public LedgerView update(EventEnvelope<Ledger.Posted> event) {
        var sequences = new ArrayList<>(applied);
        sequences.add(event.sequence());
        return new LedgerView(balance + event.payload().amount(), List.copyOf(sequences));
    }
}
