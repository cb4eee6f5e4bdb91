// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes whoever waits for a projection to change: its checkpoint moved, it was resumed or closed. */
final class Signal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    void signalAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next signal or {@code timeout}, whichever comes first. */
    void await(Duration timeout) throws InterruptedException {
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        lock.lock();
        try {
            changed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }
}
