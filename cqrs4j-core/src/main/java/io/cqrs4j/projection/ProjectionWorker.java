// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import io.cqrs4j.DatabaseConnectionException;
import io.cqrs4j.projection.ProjectionStatus.State;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The work of one projection instance: hold the lease, read after the checkpoint, apply, retry,
 * park. Every method except the state getters runs under the runner's work lock, so the loop and
 * the operator's calls ({@link #retryParked}, {@link #reset}, {@link #resume}) never interleave.
 */
final class ProjectionWorker {

    /** What the loop does after a step. */
    enum Next {
        /** Read again at once: the last batch was full or more may follow. */
        MORE,
        /** Nothing to read: wait for new events. */
        IDLE,
        /** Standby or halted: wait for a signal or the poll interval. */
        WAIT,
        /** The store failed: back off. */
        FAILED
    }

    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());

    private final Settings settings;
    private final String name;
    private final ProjectionStore store;
    private final Projector<?> projector;
    private final Signal signal;
    private final BooleanSupplier stopping;

    private volatile State state = State.STOPPED;
    private volatile String lastError = "";
    private volatile String heldBack = "";
    private Lease lease;
    private long renewedAt;
    private LogPosition checkpoint = LogPosition.START;
    private boolean halted;
    private LogPosition haltedOn;
    private int failures;
    private final Set<String> parkedAggregates = new HashSet<>();
    private final Set<LogPosition> parkedAhead = new HashSet<>();
    private final ParkingLot parking;

    ProjectionWorker(Settings settings, Signal signal, BooleanSupplier stopping) {
        this.settings = settings;
        this.name = settings.name();
        this.store = settings.store();
        this.projector = settings.projector();
        this.signal = signal;
        this.stopping = stopping;
        this.parking = new ParkingLot(settings);
    }

    State state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    String heldBack() {
        return heldBack;
    }

    void starting() {
        state = State.STARTING;
        lastError = "";
    }

    /** One turn of the loop: make sure of the lease, read a batch, apply it. */
    Next step() throws InterruptedException {
        try {
            if (!holdLease() || halted) {
                return Next.WAIT;
            }
            LogBatch batch = settings.log().read(checkpoint, settings.batchSize());
            noteHeldBack(batch);
            if (batch.events().isEmpty()) {
                failures = 0;
                return Next.IDLE;
            }
            apply(batch.events());
            failures = 0;
            return lease == null || halted ? Next.WAIT : Next.MORE;
        } catch (LeaseLostException e) {
            lostLease(e.getMessage());
            return Next.WAIT;
        } catch (RuntimeException e) {
            failures++;
            lastError = ParkingLot.describe(e);
            LOG.log(failures == 1 ? Level.WARNING : Level.DEBUG, () -> "projection " + name + ": " + lastError
                    + "; retrying (attempt " + failures + ")", e);
            return Next.FAILED;
        }
    }

    /** The pause after the store failed {@code failures} times in a row. */
    Duration failureDelay() {
        return settings.backoff().delay(failures);
    }

    /** Renews the lease when a third of its time has passed, or takes it; false when another instance holds it. */
    boolean holdLease() {
        if (lease != null && System.nanoTime() - renewedAt < settings.leaseTtl().toNanos() / 3) {
            return true;
        }
        Optional<Lease> acquired = store.acquire(name, settings.owner(), settings.leaseTtl());
        if (acquired.isEmpty()) {
            if (lease != null) {
                lostLease("projection " + name + ": another instance took the lease over from " + settings.owner());
            } else if (state != State.STANDBY) {
                state = State.STANDBY;
                LOG.log(Level.INFO, () -> "projection " + name + ": another instance holds the lease; "
                        + settings.owner() + " stands by");
                signal.signalAll();
            }
            return false;
        }
        Lease next = acquired.get();
        if (lease == null || lease.token() != next.token()) {
            lease = null;   // until the state below is loaded: a failure here takes the lease again
            checkpoint = store.checkpoint(name);
            halted = false;
            haltedOn = null;
            loadParked();
            state = State.RUNNING;
            LOG.log(Level.INFO, () -> "projection " + name + ": " + settings.owner() + " runs it from checkpoint "
                    + checkpoint + " with fencing token " + next.token());
            signal.signalAll();
        }
        lease = next;
        renewedAt = System.nanoTime();
        return true;
    }

    private void loadParked() {
        parkedAggregates.clear();
        parkedAhead.clear();
        for (ParkedEvent parked : store.parked(name)) {
            if (parked.event().position().compareTo(checkpoint) > 0) {
                parkedAhead.add(parked.event().position());
            } else {
                parkedAggregates.add(parked.event().event().aggregateId());
            }
        }
    }

    private void lostLease(String message) {
        lease = null;
        heldBack = "";
        state = State.STANDBY;
        LOG.log(Level.WARNING, () -> message + "; standing by");
        signal.signalAll();
    }

    private void noteHeldBack(LogBatch batch) {
        String reason = batch.heldBack();
        String before = heldBack;
        if (reason.equals(before)) {
            return;
        }
        heldBack = reason;
        if (reason.isEmpty()) {
            LOG.log(Level.INFO, () -> "projection " + name + ": reading is no longer held back");
        } else if (before.isEmpty()) {
            LogPosition after = batch.events().isEmpty() ? checkpoint : batch.events().getLast().position();
            LOG.log(Level.WARNING, () -> "projection " + name + ": reading is held back after position " + after
                    + ": " + reason + "; it waits and skips nothing (see status().heldBack())");
        }
    }

    private void apply(List<LoggedEvent> events) throws InterruptedException {
        for (LoggedEvent event : events) {
            if (parkedAhead.remove(event.position())) {
                store.unpark(name, event.position());   // tried again now, and parked again if it still fails
            }
        }
        var own = new ArrayList<LoggedEvent>(events.size());
        for (LoggedEvent event : events) {
            if (!projector.handles(event)) {
                continue;
            }
            if (parkedAggregates.contains(event.event().aggregateId())) {
                parking.parkBehind(event);
            } else {
                own.add(event);
            }
        }
        LogPosition last = events.getLast().position();
        try {
            store.applyAndCheckpoint(lease, last, own.isEmpty() ? () -> { } : () -> projector.dispatch(own));
            moved(last);
            return;
        } catch (LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "projection " + name + ": batch after " + checkpoint + " failed ("
                    + ParkingLot.describe(e) + "); trying its events one by one");
        }
        for (LoggedEvent event : events) {
            if (!applyOne(event)) {
                return;
            }
        }
    }

    /** Tries one event until it succeeds or is parked; false when the batch must stop here. */
    private boolean applyOne(LoggedEvent event) throws InterruptedException {
        LogPosition position = event.position();
        if (!projector.handles(event) || parkedAggregates.contains(event.event().aggregateId())) {
            if (projector.handles(event)) {
                parking.parkBehind(event);
            }
            store.saveCheckpoint(lease, position);
            moved(position);
            return true;
        }
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                store.applyAndCheckpoint(lease, position, () -> projector.dispatch(List.of(event)));
                moved(position);
                return true;
            } catch (LeaseLostException e) {
                throw e;
            } catch (RuntimeException e) {
                failure = e;
            }
            int tried = attempt;
            lastError = event.event().describe() + ": attempt " + tried + " failed: " + ParkingLot.describe(failure);
            boolean unreachable = failure instanceof DatabaseConnectionException;
            if (tried >= settings.attempts() && !unreachable) {
                return park(event, failure, tried);
            }
            LOG.log(tried == 1 ? Level.WARNING : Level.DEBUG, () -> "projection " + name + ": " + lastError
                    + (unreachable ? "; the database is unreachable, retrying until it is back" : "; retrying"), failure);
            long token = lease.token();
            if (!pause(settings.backoff().delay(tried)) || !holdLease() || lease.token() != token) {
                return false;   // closing, or the lease changed hands meanwhile: read again from the checkpoint
            }
        }
    }

    private boolean park(LoggedEvent event, RuntimeException failure, int attempts) {
        parking.park(event, failure, attempts);
        String error = event.event().describe() + ": failed " + attempts + " times, parked: " + ParkingLot.describe(failure);
        if (settings.policy() == FailurePolicy.HALT) {
            halted = true;
            haltedOn = event.position();
            parkedAhead.add(event.position());
            state = State.HALTED;
            lastError = error;
            LOG.log(Level.ERROR, () -> "projection " + name + " halted at checkpoint " + checkpoint + " before "
                    + error + "; fix the cause, then call resume() or retryParked()", failure);
            signal.signalAll();
            return false;
        }
        parkedAggregates.add(event.event().aggregateId());
        store.saveCheckpoint(lease, event.position());
        moved(event.position());
        lastError = error;
        LOG.log(Level.ERROR, () -> "projection " + name + " goes on past " + error + "; later events of "
                + projector.aggregateType() + " " + event.event().aggregateId()
                + " are parked behind it until retryParked() succeeds", failure);
        return true;
    }

    private void moved(LogPosition position) {
        checkpoint = position;
        lastError = "";
        signal.signalAll();
    }

    /** Waits {@code pause} unless the runner is closing; false when it is. */
    private boolean pause(Duration pause) throws InterruptedException {
        long deadline = System.nanoTime() + pause.toNanos();
        while (!stopping.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            signal.await(Duration.ofNanos(left));
        }
        return false;
    }

    /** Dispatches the parked events again, in order; see {@link ProjectionRunner#retryParked()}. */
    int retryParked() {
        requireLease("retryParked()");
        ParkingLot.Retried retried;
        try {
            long token = lease.token();
            retried = parking.retry(checkpoint, haltedOn, () -> holdLease() && lease.token() == token ? lease : null);
        } catch (LeaseLostException e) {
            lostLease(e.getMessage());
            throw e;
        }
        if (retried.checkpoint().compareTo(checkpoint) > 0) {
            halted = false;
            haltedOn = null;
            parkedAhead.remove(retried.checkpoint());
            state = State.RUNNING;
            moved(retried.checkpoint());
        }
        if (lease != null) {
            loadParked();
        }
        signal.signalAll();
        return retried.unparked();
    }

    /** Leaves the halted state; the loop tries the event it halted on again. */
    void resume() {
        if (halted) {
            halted = false;
            haltedOn = null;
            state = lease == null ? State.STANDBY : State.RUNNING;
            LOG.log(Level.INFO, () -> "projection " + name + ": resumed at checkpoint " + checkpoint);
            signal.signalAll();
        }
    }

    /** Rebuilds from the start: checkpoint and parked events forgotten, the read model cleared by the hook. */
    void reset() {
        requireLease("reset()");
        store.reset(name);
        checkpoint = LogPosition.START;
        parkedAggregates.clear();
        parkedAhead.clear();
        haltedOn = null;
        try {
            settings.onReset().run();
        } catch (RuntimeException e) {
            halted = true;
            state = State.HALTED;
            lastError = "the reset hook failed: " + ParkingLot.describe(e) + "; call reset() again";
            signal.signalAll();
            throw e;
        }
        halted = false;
        lastError = "";
        state = State.RUNNING;
        LOG.log(Level.INFO, () -> "projection " + name + ": reset; rebuilding from the start of the log");
        signal.signalAll();
    }

    private void requireLease(String operation) {
        if (!holdLease()) {
            throw new IllegalStateException("projection " + name + ": " + operation + " needs the lease, which another"
                    + " instance holds; call it there, or close that instance first");
        }
    }

    /** Gives the lease up, so another instance may take over at once. */
    void stop() {
        Lease held = lease;
        lease = null;
        heldBack = "";
        state = State.STOPPED;
        if (held != null) {
            try {
                store.release(held);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "projection " + name + ": could not release the lease ("
                        + ParkingLot.describe(e) + "); another instance takes over when it expires at " + held.expiresAt());
            }
        }
        signal.signalAll();
    }
}
