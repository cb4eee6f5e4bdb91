// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AggregateCacheTest {

    private record Entry(String aggregateId, String aggregate, long version) implements AggregateContext<String> {
    }

    @Test
    void holds_as_many_aggregates_as_it_is_sized_for_however_their_ids_spread() {
        for (int size : new int[] {10, 1_000, 5_000}) {
            var cache = new AggregateCache<String>(size);
            IntStream.range(0, size).forEach(i -> cache.put(new Entry("ACCT-" + i, "state", 1)));

            assertThat(cache.size()).as("size %d", size).isEqualTo(size);
            assertThat(IntStream.range(0, size).filter(i -> cache.get("ACCT-" + i) == null).boxed().toList())
                    .as("evicted although the cache had room, size %d", size).isEmpty();
        }
    }

    @Test
    void beyond_its_size_it_evicts_the_least_recently_used_aggregate() {
        var cache = new AggregateCache<String>(2);
        cache.put(new Entry("a", "A", 1));
        cache.put(new Entry("b", "B", 1));
        cache.get("a");
        cache.put(new Entry("c", "C", 1));

        assertThat(cache.get("b")).isNull();
        assertThat(cache.get("a")).isNotNull();
        assertThat(cache.get("c")).isNotNull();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void a_large_cache_stays_within_its_size() {
        var cache = new AggregateCache<String>(2_000);
        IntStream.range(0, 10_000).forEach(i -> cache.put(new Entry("ACCT-" + i, "state", 1)));

        assertThat(cache.size()).isEqualTo(2_000);
        assertThat(cache.get("ACCT-9999")).as("the newest").isNotNull();
    }

    @Test
    void keeps_the_newer_version_and_evicts_only_a_stale_one() {
        var cache = new AggregateCache<String>(10);
        cache.put(new Entry("a", "v2", 2));
        cache.put(new Entry("a", "v1", 1));
        assertThat(cache.get("a").aggregate()).isEqualTo("v2");

        cache.evictUnlessNewer("a", 1);
        assertThat(cache.get("a")).as("newer than the stale version 1: kept").isNotNull();
        cache.evictUnlessNewer("a", 2);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.size()).isZero();

        cache.put(new Entry("b", "v1", 1));
        cache.evict("b");
        cache.evict("b");
        assertThat(cache.size()).isZero();
    }
}
