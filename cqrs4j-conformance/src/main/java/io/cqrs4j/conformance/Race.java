// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/** Runs tasks on their own threads, released together, and reports how each ended. */
final class Race {

    private Race() {
    }

    /**
     * Starts every task at the same moment and waits for all of them.
     *
     * @return per task, in order: null when it returned, otherwise what it threw
     */
    static List<Throwable> run(List<Runnable> tasks) throws InterruptedException {
        var barrier = new CyclicBarrier(tasks.size());
        var outcomes = new Throwable[tasks.size()];
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < tasks.size(); i++) {
            int index = i;
            Runnable task = tasks.get(i);
            threads.add(Thread.ofPlatform().name("conformance-race-" + i).start(() -> {
                try {
                    barrier.await(30, TimeUnit.SECONDS);
                    task.run();
                } catch (Throwable e) {
                    outcomes[index] = e;
                }
            }));
        }
        for (Thread thread : threads) {
            if (!thread.join(java.time.Duration.ofSeconds(120))) {
                throw new AssertionError(thread.getName() + " did not finish within 120 s: a commit hangs");
            }
        }
        return java.util.Arrays.asList(outcomes);
    }
}
