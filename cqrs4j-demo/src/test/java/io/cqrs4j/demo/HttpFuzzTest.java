// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input over HTTP, on the in-memory store and on SQLite: thousands of seeded random and
 * mutated requests ({@link FuzzRequests}), each answered with a 4xx
 * {@code application/problem+json} whose detail says what was wrong (no Java names, no stack
 * traces), never a 5xx or a hang, and leaving the store exactly as it was; a request
 * {@link FuzzOracle} calls valid may succeed instead, and then appends exactly one event
 * ({@link FuzzCampaign}).
 *
 * <p>Seeds are fixed so CI is deterministic; {@code -Dcqrs4j.fuzz.seed=N} and
 * {@code -Dcqrs4j.fuzz.requests=N} run other and longer campaigns. Every failure names the seed,
 * the request's number and the request.
 */
class HttpFuzzTest {

    static final long SEED = Long.getLong("cqrs4j.fuzz.seed", 20_261_129L);
    static final int REQUESTS = Integer.getInteger("cqrs4j.fuzz.requests", 2_500);

    @TempDir
    static Path directory;

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"memory", "sqlite"})
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a bound, not a measurement: ~15 s per store at the default 2,500 requests
    void every_bad_request_is_a_4xx_problem_naming_what_is_wrong_and_leaves_the_store_unchanged(String store) throws Exception {
        long seed = SEED + store.hashCode();
        try (var service = new FuzzedService(store, directory)) {
            var requests = new FuzzRequests(seed, FuzzedService.ACCOUNTS);
            var campaign = new FuzzCampaign(service, "seed " + seed + " (-Dcqrs4j.fuzz.seed=" + SEED + " on " + store + ")");

            for (int i = 0; i < REQUESTS; i++) {
                campaign.send(requests.next());
            }

            campaign.assertNoFailures();
            assertThat(campaign.sent()).isEqualTo(REQUESTS);
            assertThat(campaign.successes()).as("seed " + seed + ": only a few generated requests are valid")
                    .hasSizeLessThan(REQUESTS / 10);
        }
    }
}
