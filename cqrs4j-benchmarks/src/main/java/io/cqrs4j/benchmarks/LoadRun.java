// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import io.cqrs4j.AggregateConflictException;
import io.cqrs4j.CommandRejectedException;
import io.cqrs4j.benchmarks.domain.BankAccountCommand;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.DepositMoney;
import io.cqrs4j.benchmarks.domain.BankAccountCommand.WithdrawMoney;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs C clients, one virtual thread each, for a warm-up and then a measured window: each picks a
 * random account and deposits (nine in ten) or withdraws (one in ten). A conflict is counted and
 * retried at once, up to {@value #MAX_ATTEMPTS} attempts, and the command's latency includes its
 * retries. Only commands that start and end inside the measured window count.
 */
final class LoadRun {

    static final int MAX_ATTEMPTS = 50;

    private static final BankAccountCommand DEPOSIT = new DepositMoney(BigDecimal.TEN);
    private static final BankAccountCommand WITHDRAWAL = new WithdrawMoney(BigDecimal.ONE, "ATM-1");

    private LoadRun() {
    }

    static RunStats run(String name, Workload workload, LoadSpec spec) {
        String[] ids = new String[spec.accounts()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = LoadSpec.accountId(i);
        }
        var clients = new ArrayList<Client>();
        var threads = new ArrayList<Thread>();
        var go = new CountDownLatch(1);
        long warmup = spec.warmup().toNanos();
        long duration = spec.duration().toNanos();
        for (int i = 0; i < spec.clients(); i++) {
            var client = new Client(workload, ids);
            clients.add(client);
            threads.add(Thread.ofVirtual().name("client-" + i).start(() -> {
                awaitQuietly(go);
                long measureFrom = System.nanoTime() + warmup;
                client.run(measureFrom, measureFrom + duration);
            }));
        }
        go.countDown();
        sleepQuietly(warmup);
        long cpuFrom = processCpuNanos();
        double serverFrom = ServerCpu.micros();
        for (Thread thread : threads) {
            joinQuietly(thread);
        }
        long cpu = processCpuNanos() - cpuFrom;
        double server = ServerCpu.micros() - serverFrom;
        return stats(name, spec, clients, workload.note(), cpu, server);
    }

    /** CPU time this JVM has used, all threads (JIT and GC included), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void sleepQuietly(long nanos) {
        try {
            Thread.sleep(java.time.Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RunStats stats(String name, LoadSpec spec, List<Client> clients, String note, long cpuNanos,
                                  double serverMicros) {
        var sorted = Latencies.merge(clients.stream().map(c -> c.latencies).toList());
        long commands = 0;
        long conflicts = 0;
        long rejected = 0;
        var errors = new HashMap<String, Long>();
        for (Client client : clients) {
            commands += client.latencies.size();
            conflicts += client.conflicts;
            rejected += client.rejected;
            client.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
        }
        return new RunStats(name, spec.clients(), commands, spec.duration().toNanos() / 1e9, sorted.micros(0.5),
                sorted.micros(0.99), sorted.micros(0.999), sorted.micros(1.0), conflicts, rejected, errors, note,
                commands == 0 ? 0 : cpuNanos / 1_000.0 / commands, commands == 0 ? 0 : serverMicros / commands);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the clients", e);
        }
    }

    /** One client's loop and its own counters. */
    private static final class Client {
        final Workload workload;
        final String[] ids;
        final Latencies latencies = new Latencies();
        final Map<String, Long> errors = new HashMap<>();
        long conflicts;
        long rejected;

        Client(Workload workload, String[] ids) {
            this.workload = workload;
            this.ids = ids;
        }

        void run(long measureFrom, long end) {
            var random = ThreadLocalRandom.current();
            while (true) {
                long start = System.nanoTime();
                if (start >= end) {
                    return;
                }
                String account = ids[random.nextInt(ids.length)];
                BankAccountCommand command = random.nextInt(10) == 0 ? WITHDRAWAL : DEPOSIT;
                boolean measured = start >= measureFrom;
                String failure = attempt(account, command, measured);
                long stop = System.nanoTime();
                if (measured && stop <= end) {
                    if (failure == null) {
                        latencies.record(stop - start);
                    } else {
                        errors.merge(failure, 1L, Long::sum);
                    }
                }
            }
        }

        /** Runs the command with retries; null when it completed (committed or rejected), else the error kind. */
        private String attempt(String account, BankAccountCommand command, boolean measured) {
            for (int attempt = 1; ; attempt++) {
                try {
                    workload.execute(account, command);
                    return null;
                } catch (AggregateConflictException conflict) {
                    if (measured) {
                        conflicts++;
                    }
                    if (attempt == MAX_ATTEMPTS) {
                        return "conflict after " + MAX_ATTEMPTS + " attempts";
                    }
                } catch (CommandRejectedException rejection) {
                    if (measured) {
                        rejected++;
                    }
                    return null;
                } catch (RuntimeException e) {
                    if (errors.isEmpty()) {
                        Report.warn("first error of a client on " + account + ": " + e);
                    }
                    return e.getClass().getSimpleName();
                }
            }
        }
    }
}
