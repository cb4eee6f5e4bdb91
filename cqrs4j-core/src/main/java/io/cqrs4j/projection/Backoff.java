// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.projection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter: the n-th pause is {@code base * 2^(n-1)}, capped at {@code max},
 * then drawn between half of it and all of it, so that instances that failed together spread out.
 *
 * @param base the first pause
 * @param max the longest pause
 */
record Backoff(Duration base, Duration max) {

    Backoff {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry base must be positive but was " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry max must be at least the base " + base + " but was " + max);
        }
    }

    /**
     * The pause after the {@code failures}-th consecutive failure.
     *
     * @param failures 1 or more
     * @return the pause
     */
    Duration delay(int failures) {
        long maxNanos = max.toNanos();
        long pause = base.toNanos();
        for (int i = 1; i < failures && pause < maxNanos; i++) {
            pause = pause > maxNanos / 2 ? maxNanos : pause * 2;
        }
        pause = Math.min(pause, maxNanos);
        long half = pause / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(pause - half + 1));
    }
}
