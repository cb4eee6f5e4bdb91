// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Concurrent deposits on virtual threads, each of a distinct amount (1 cent, 2 cents, …), so that
 * the events in the database tell which deposit each one is, and a deposit applied twice shows.
 * It remembers what the service answered for each deposit and every HTTP exchange with its timing.
 */
final class DepositLoad {

    /** What the answers say about one deposit. */
    enum Outcome {
        /** 204: committed, so it must be in the balance. */
        ACKNOWLEDGED,
        /** 409 on every attempt: the demo wrote nothing. */
        NOT_APPLIED,
        /** No answer (the process died, the socket broke) or a 5xx: it may or may not have committed. */
        UNKNOWN
    }

    /**
     * One HTTP exchange; status -1 when no answer came.
     *
     * @param uri the request's URI
     * @param cents the deposit, 0 for a read
     */
    record Exchange(URI uri, long cents, long startNanos, long endNanos, int status, String contentType, String body) {

        Duration took() {
            return Duration.ofNanos(endNanos - startNanos);
        }

        @Override
        public String toString() {
            return uri + (cents > 0 ? " deposit " + amount(cents) : "") + " -> " + status + " in " + took().toMillis()
                    + " ms: " + body;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS_ON_CONFLICT = 5;
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 50;

    private final List<String> accounts;
    private final AtomicLong nextCents = new AtomicLong(1);
    private final Map<String, Map<Long, Outcome>> outcomes = new ConcurrentHashMap<>();
    private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean halted;

    DepositLoad(List<String> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** The JSON number of a deposit of {@code cents}. */
    static String amount(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    List<String> accounts() {
        return accounts;
    }

    /** Opens every account through {@code base}; each must answer 204. */
    void openAccounts(URI base) {
        for (String account : accounts) {
            Exchange opened = post(base, account, "{\"OpenAccount\":{\"account_id\":\"" + account + "\"}}", 0);
            if (opened.status() != 204) {
                throw new AssertionError("opening " + account + ": " + opened);
            }
        }
    }

    /**
     * Starts {@code count} workers; worker i deposits to account {@code i % accounts} through
     * {@code bases[(i / accounts) % bases]}, so with more workers than accounts several hit each account.
     */
    void start(List<URI> bases, int count) {
        halted = false;
        for (int i = 0; i < count; i++) {
            String account = accounts.get(i % accounts.size());
            URI base = bases.get((i / accounts.size()) % bases.size());
            workers.add(Thread.ofVirtual().name("deposit-" + i).start(() -> deposit(base, account)));
        }
    }

    /** Tells the workers to stop after the deposit in hand. */
    void halt() {
        halted = true;
    }

    /** Halts and waits for every worker (bounded by the HTTP request timeout). */
    void stop() throws InterruptedException {
        halt();
        for (Thread worker : workers) {
            if (!worker.join(REQUEST_TIMEOUT.multipliedBy(ATTEMPTS_ON_CONFLICT + 1))) {
                throw new AssertionError(worker.getName() + " is still sending");
            }
        }
        workers.clear();
    }

    Set<Long> deposits(String account, Outcome outcome) {
        return outcomes.getOrDefault(account, Map.of()).entrySet().stream()
                .filter(entry -> entry.getValue() == outcome).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    long count(Outcome outcome) {
        return outcomes.values().stream().flatMap(each -> each.values().stream()).filter(outcome::equals).count();
    }

    /** Every exchange so far, in no particular order. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void deposit(URI base, String account) {
        while (!halted) {
            long cents = nextCents.getAndIncrement();
            Outcome outcome = depositOnce(base, account, cents);
            outcomes.computeIfAbsent(account, any -> new ConcurrentHashMap<>()).put(cents, outcome);
            if (outcome != Outcome.ACKNOWLEDGED && !halted) {
                pause(PAUSE_AFTER_FAILURE_MILLIS); // the service or its database is down: do not spin
            }
        }
    }

    /** One deposit, sent again with the same amount after a 409 (which wrote nothing). */
    private Outcome depositOnce(URI base, String account, long cents) {
        for (int attempt = 1; ; attempt++) {
            Exchange exchange = post(base, account, "{\"DepositMoney\":{\"amount\":" + amount(cents) + "}}", cents);
            exchanges.add(exchange);
            if (exchange.status() == 204) {
                return Outcome.ACKNOWLEDGED;
            }
            if (exchange.status() != 409) {
                return Outcome.UNKNOWN;
            }
            if (attempt == ATTEMPTS_ON_CONFLICT) {
                return Outcome.NOT_APPLIED;
            }
            pause(PAUSE_AFTER_FAILURE_MILLIS);
        }
    }

    static Exchange get(URI base, String account) {
        return send(HttpRequest.newBuilder(base.resolve("/account/" + account)).GET(), 0);
    }

    static Exchange post(URI base, String account, String body, long cents) {
        return send(HttpRequest.newBuilder(base.resolve("/account/" + account)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), cents);
    }

    private static Exchange send(HttpRequest.Builder request, long cents) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            return new Exchange(built.uri(), cents, start, System.nanoTime(), response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            return new Exchange(built.uri(), cents, start, System.nanoTime(), -1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(built.uri(), cents, start, System.nanoTime(), -1, "", "interrupted");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
