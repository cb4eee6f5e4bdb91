// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The virtual thread that drives a {@link ProjectionWorker}, and the locks that keep the operator's
 * calls from interleaving with it: each step and each operation holds the work lock; start, close
 * and operations on a stopped runner hold the lifecycle lock.
 */
final class ProjectionLoop {

    private static final System.Logger LOG = System.getLogger(ProjectionRunner.class.getName());

    private final Settings settings;
    private final Signal signal;
    private final ProjectionWorker worker;
    private final ReentrantLock work = new ReentrantLock();
    private final ReentrantLock lifecycle = new ReentrantLock();
    private volatile boolean stopping;
    private Thread thread;

    ProjectionLoop(Settings settings, Signal signal) {
        this.settings = settings;
        this.signal = signal;
        this.worker = new ProjectionWorker(settings, signal, () -> stopping);
    }

    ProjectionWorker worker() {
        return worker;
    }

    void start() {
        lifecycle.lock();
        try {
            if (thread != null) {
                throw new IllegalStateException("projection " + settings.name()
                        + " is running already; close() it before starting again");
            }
            stopping = false;
            worker.starting();
            thread = Thread.ofVirtual().name("cqrs4j-projection-" + settings.name()).start(this::run);
        } finally {
            lifecycle.unlock();
        }
    }

    void close() {
        lifecycle.lock();
        try {
            Thread running = thread;
            if (running == null) {
                return;
            }
            stopping = true;
            signal.signalAll();
            Duration patience = settings.pollInterval().plus(settings.leaseTtl());
            if (!running.join(patience)) {
                LOG.log(Level.WARNING, () -> "projection " + settings.name() + ": still busy after " + patience
                        + " (a query that does not return?); interrupting it");
                running.interrupt();
                running.join();
            }
            thread = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Runs {@code operation} between two steps of the loop; when the runner is not started, the
     * lease the operation took is released after it.
     */
    <T> T operate(Supplier<T> operation) {
        lifecycle.lock();
        try {
            work.lock();
            try {
                return operation.get();
            } finally {
                if (thread == null) {
                    worker.stop();
                }
                work.unlock();
            }
        } finally {
            lifecycle.unlock();
        }
    }

    private void run() {
        try {
            while (!stopping) {
                ProjectionWorker.Next next;
                work.lock();
                try {
                    next = worker.step();
                } finally {
                    work.unlock();
                }
                switch (next) {
                    case MORE -> { }
                    case IDLE -> settings.log().awaitNewEvents(settings.pollInterval());
                    case WAIT -> signal.await(settings.pollInterval());
                    case FAILED -> signal.await(worker.failureDelay());
                }
            }
        } catch (InterruptedException e) {
            LOG.log(Level.DEBUG, () -> "projection " + settings.name() + ": interrupted; stopping");
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, () -> "projection " + settings.name() + ": stopped by an unexpected failure", e);
            throw e;
        } finally {
            work.lock();
            try {
                worker.stop();
            } finally {
                work.unlock();
            }
        }
    }
}
