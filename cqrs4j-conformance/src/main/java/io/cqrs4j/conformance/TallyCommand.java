// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import java.util.List;

/** The commands of the {@link Tally} test aggregate. */
public sealed interface TallyCommand {

    /**
     * Adds each amount, one {@link TallyEvent.Added} event per amount.
     *
     * @param amounts the amounts, in order
     */
    record Add(List<Long> amounts) implements TallyCommand {

        /**
         * Copies the amounts.
         *
         * @param amounts the amounts
         */
        public Add {
            amounts = List.copyOf(amounts);
        }

        /**
         * A command adding {@code amounts}.
         *
         * @param amounts the amounts
         * @return the command
         */
        public static Add of(long... amounts) {
            return new Add(java.util.Arrays.stream(amounts).boxed().toList());
        }
    }

    /**
     * Records a note, one {@link TallyEvent.Noted} event.
     *
     * @param text the note
     */
    record Note(String text) implements TallyCommand {
    }

    /**
     * Is always rejected with this reason.
     *
     * @param reason the rejection's message
     */
    record Reject(String reason) implements TallyCommand {
    }

    /** Produces no events. */
    record Nothing() implements TallyCommand {
    }
}
