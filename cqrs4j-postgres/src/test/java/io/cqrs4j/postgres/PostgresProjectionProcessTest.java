// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.cqrs4j.CqrsFramework;
import io.cqrs4j.postgres.BankAccount.Command.DepositMoney;
import io.cqrs4j.projection.LogPosition;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Projections in processes of their own ({@link ProjectionProcess}, started with the test
 * classpath), killed with SIGKILL mid-stream: nothing is lost and nothing applied twice, whether
 * the process is restarted or a standby process takes over.
 */
class PostgresProjectionProcessTest {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final String LEASE_MILLIS = "2000";
    private static final String DELAY_MILLIS = "2";
    private static final int EVENTS = 1_200;

    private static TestDatabase database;

    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void connect() {
        database = TestDatabase.forClass(PostgresProjectionProcessTest.class);
    }

    @AfterAll
    static void drop_the_tables() {
        database.close();
    }

    @AfterEach
    void kill_what_is_left() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
    }

    private AppliedProjection projectionWithEvents(String name) {
        var projection = new AppliedProjection(database.dataSource(), database.table(name + "_")).createTables();
        deposit(projection, 0, EVENTS);
        return projection;
    }

    private static void deposit(AppliedProjection projection, int from, int count) {
        var cqrs = CqrsFramework.builder(projection.store()).build();
        for (int i = from; i < from + count; i++) {
            cqrs.execute("p-" + (i % 20), new DepositMoney(BigDecimal.ONE));
        }
    }

    /** Starts a projection process on the test classpath; its output goes to target/{@code log}.log. */
    private Process start(AppliedProjection projection, String owner, String log) throws IOException {
        String classpath = System.getProperty("java.class.path");
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            classpath = modulePath + File.pathSeparator + classpath;
        }
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, ProjectionProcess.class.getName(),
                projection.prefix(), "applied", owner, LEASE_MILLIS, DELAY_MILLIS);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", log + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + PATIENCE);
            }
            Thread.sleep(10);
        }
    }

    /** True once the projection is a quarter of the way through the first events and not yet at the end of the log. */
    private static boolean midStream(AppliedProjection projection) {
        LogPosition checkpoint = projection.checkpoint("applied");
        return checkpoint.position() >= EVENTS / 4 && checkpoint.compareTo(projection.endOfLog()) < 0;
    }

    @Test
    void a_projection_process_killed_mid_stream_and_restarted_loses_nothing_and_applies_nothing_twice()
            throws Exception {
        var projection = projectionWithEvents("restarted");
        Process first = start(projection, "-", "projection-restarted-1");
        await("the first process is mid-stream", () -> midStream(projection));

        first.destroyForcibly().waitFor();
        LogPosition killedAt = projection.checkpoint("applied");
        deposit(projection, EVENTS, 200);
        start(projection, "-", "projection-restarted-2");
        await("the restarted process reaches the end of the log",
                () -> projection.checkpoint("applied").equals(projection.endOfLog()));

        assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(killedAt).isLessThan(projection.endOfLog());
        assertThat(projection.applied()).isEqualTo(projection.committed());
        assertThat(projection.committed().values().stream().mapToInt(List::size).sum()).isEqualTo(EVENTS + 200);
    }

    @Test
    void of_two_processes_one_runs_the_projection_and_the_other_takes_over_from_its_checkpoint_when_it_is_killed()
            throws Exception {
        var projection = projectionWithEvents("standby");
        Process a = start(projection, "a", "projection-standby-a");
        Process b = start(projection, "b", "projection-standby-b");
        await("one process runs the projection mid-stream", () -> midStream(projection));
        String holder = projection.leaseHolder("applied");
        Process active = holder.startsWith("a ") ? a : b;
        String standby = holder.startsWith("a ") ? "b" : "a";

        active.destroyForcibly().waitFor();
        LogPosition killedAt = projection.checkpoint("applied");
        await("the standby process takes the lease over", () -> projection.leaseHolder("applied").startsWith(standby + " "));
        await("the standby process reaches the end of the log",
                () -> projection.checkpoint("applied").equals(projection.endOfLog()));

        String newHolder = projection.leaseHolder("applied");
        assertThat(Long.parseLong(newHolder.substring(2))).as("fencing token").isGreaterThan(Long.parseLong(holder.substring(2)));
        assertThat(killedAt).isLessThan(projection.endOfLog());
        assertThat(projection.applied()).isEqualTo(projection.committed());
        assertThat(projection.committed().values().stream().mapToInt(List::size).sum()).isEqualTo(EVENTS);
    }
}
