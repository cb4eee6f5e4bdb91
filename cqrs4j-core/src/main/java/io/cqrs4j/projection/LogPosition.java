// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

/**
 * A place in a store's global event order; what a projection checkpoints. Positions compare by
 * {@code transaction}, then {@code position}.
 *
 * <p>Stores whose insertion order is their commit order (SQLite, MySQL with serialised appends,
 * memory) leave {@code transaction} at 0. PostgreSQL orders by the writing transaction's id first,
 * which is what lets a reader never skip an event that committed after a higher-numbered one.
 *
 * @param transaction the ordering transaction id, 0 where the store has none
 * @param position the event's global position within that order
 */
public record LogPosition(long transaction, long position) implements Comparable<LogPosition> {

    /** Before the first event. */
    public static final LogPosition START = new LogPosition(0, 0);

    /**
     * Validates the parts.
     *
     * @param transaction 0 or more
     * @param position 0 or more
     */
    public LogPosition {
        if (transaction < 0 || position < 0) {
            throw new IllegalArgumentException("log position parts must not be negative: " + transaction + "/" + position);
        }
    }

    /**
     * A position in a store without transaction ordering.
     *
     * @param position the global position
     * @return the position
     */
    public static LogPosition of(long position) {
        return new LogPosition(0, position);
    }

    @Override
    public int compareTo(LogPosition other) {
        int byTransaction = Long.compare(transaction, other.transaction);
        return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
    }

    @Override
    public String toString() {
        return transaction == 0 ? Long.toString(position) : transaction + "/" + position;
    }
}
