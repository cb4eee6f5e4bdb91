// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by the local database server's processes ({@code postgres},
 * {@code mariadbd}, {@code mysqld}), read from {@code /proc}: how much work a run gave the
 * database. Zero where {@code /proc} is not there; meaningless for a remote server.
 */
final class ServerCpu {

    private static final double TICK_MICROS = 10_000;   // USER_HZ is 100 on Linux

    private ServerCpu() {
    }

    /** The server processes' user + system CPU time, in microseconds. */
    static double micros() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                ticks += serverTicks(entry.resolve("stat"));
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * TICK_MICROS;
    }

    private static long serverTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            String name = line.substring(open + 1, close);
            if (!name.startsWith("postgres") && !name.equals("mariadbd") && !name.equals("mysqld")) {
                return 0;
            }
            String[] fields = line.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0;   // the process ended meanwhile
        }
    }
}
