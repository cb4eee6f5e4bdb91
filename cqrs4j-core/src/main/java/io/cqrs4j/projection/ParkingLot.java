// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Parks the events a projection failed on, and tries them again in order. */
final class ParkingLot {

    /**
     * What a retry did.
     *
     * @param unparked how many parked events now succeeded
     * @param checkpoint the checkpoint after it: moved past the event the projection halted on
     *     when that one succeeded
     */
    record Retried(int unparked, LogPosition checkpoint) {
    }

    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());

    private final Settings settings;
    private final String name;
    private final ProjectionStore store;
    private final Projector<?> projector;

    ParkingLot(Settings settings) {
        this.settings = settings;
        this.name = settings.name();
        this.store = settings.store();
        this.projector = settings.projector();
    }

    void park(LoggedEvent event, RuntimeException failure, int attempts) {
        store.park(new ParkedEvent(name, event, describe(failure), attempts, settings.clock().instant()));
    }

    /** Parks an event untried, because an earlier event of its aggregate is parked. */
    void parkBehind(LoggedEvent event) {
        store.park(new ParkedEvent(name, event, "parked untried behind an earlier parked event of "
                + event.event().aggregateType() + " " + event.event().aggregateId()
                + "; retryParked() applies them in order", 0, settings.clock().instant()));
    }

    /**
     * Dispatches each parked event at or before {@code checkpoint} again, oldest first, and the one
     * the projection halted on together with its checkpoint. An event that fails again stays
     * parked with its new error, and so do the later events of its aggregate.
     *
     * @param checkpoint the projection's checkpoint
     * @param haltedOn the event the projection halted on, or null
     * @param lease the lease, renewed when due; null once it is lost
     * @return what succeeded
     */
    Retried retry(LogPosition checkpoint, LogPosition haltedOn, Supplier<Lease> lease) {
        int unparked = 0;
        LogPosition moved = checkpoint;
        Set<String> blocked = new HashSet<>();
        for (ParkedEvent parked : store.parked(name)) {
            LoggedEvent event = parked.event();
            LogPosition position = event.position();
            boolean halting = position.equals(haltedOn);
            String aggregateId = event.event().aggregateId();
            if (position.compareTo(checkpoint) > 0 && !halting || blocked.contains(aggregateId)) {
                continue;
            }
            Lease held = lease.get();
            if (held == null) {
                break;
            }
            try {
                if (halting) {
                    store.applyAndCheckpoint(held, position, () -> projector.dispatch(List.of(event)));
                    moved = position;
                } else {
                    projector.dispatch(List.of(event));
                }
            } catch (LeaseLostException e) {
                throw e;
            } catch (RuntimeException e) {
                blocked.add(aggregateId);
                store.park(new ParkedEvent(name, event, describe(e), parked.attempts() + 1, settings.clock().instant()));
                LOG.log(Level.WARNING, () -> "projection " + name + ": parked " + event.event().describe()
                        + " failed again: " + describe(e) + "; it stays parked", e);
                continue;
            }
            store.unpark(name, position);
            unparked++;
        }
        return new Retried(unparked, moved);
    }

    /** An exception as one line: its type and message. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
