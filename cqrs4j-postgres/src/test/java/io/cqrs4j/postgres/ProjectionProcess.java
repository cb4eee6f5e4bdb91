// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.cqrs4j.Query;
import io.cqrs4j.projection.ProjectionRunner;
import java.time.Duration;

/**
 * A projection in a process of its own, for the tests that kill one with SIGKILL: it runs an
 * {@link AppliedProjection} until it is killed. Each dispatch is slowed down so the process is
 * caught mid-stream. Arguments: table prefix, projection name, owner ({@code -} for a fresh one),
 * lease time in milliseconds, delay per dispatch in milliseconds.
 */
final class ProjectionProcess {

    private ProjectionProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        String prefix = args[0];
        String name = args[1];
        String owner = args[2];
        Duration leaseTtl = Duration.ofMillis(Long.parseLong(args[3]));
        long delay = Long.parseLong(args[4]);
        HikariDataSource pool = PostgresCqrs.pool(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD);
        ProjectionRunner runner = new AppliedProjection(pool, prefix).runner(name, query -> slowed(query, delay),
                builder -> {
                    builder.batchSize(20).pollInterval(leaseTtl.dividedBy(4)).leaseTtl(leaseTtl);
                    return owner.equals("-") ? builder : builder.owner(owner);
                });
        runner.start();
        Thread.currentThread().join();
    }

    private static Query<BankAccount.Event> slowed(Query<BankAccount.Event> query, long delay) {
        return (aggregateId, events) -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            query.dispatch(aggregateId, events);
        };
    }
}
