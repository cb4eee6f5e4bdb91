// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's {@code Main} in a JVM of its own, started with the test class path on a free
 * loopback port and killed with SIGKILL. Its output goes to {@code target/reliability/NAME.log},
 * appended across restarts, so that a failure can show what the process said ({@link #tail()}).
 */
final class DemoProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
    /** Generous: a cold JVM on a busy two-core machine. */
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int SIGKILL_EXIT = 137;
    private static final int TAIL_LINES = 80;

    private final Path log;
    private final List<String> args;
    private Process process;
    private int port;

    /**
     * @param name the log file's name
     * @param args the demo's command line, without {@code --port}
     */
    DemoProcess(String name, String... args) {
        this.log = Path.of("target", "reliability", name + ".log");
        this.args = List.of(args);
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + log, e);
        }
    }

    /** Starts the process and waits until it serves; returns its port. */
    int start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the demo " + log + " is already running");
        }
        long offset = Files.exists(log) ? Files.size(log) : 0;
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", classPath(), "io.cqrs4j.demo.Main"));
        command.addAll(args);
        command.addAll(List.of("--port", "0"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(readFrom(offset));
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
                return port;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the demo exited with " + process.exitValue() + " before serving:\n" + tail());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the demo did not serve within " + STARTUP + ":\n" + tail());
    }

    /** The base URI of the running process. */
    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Kills the process with SIGKILL (no shutdown hook runs) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the demo survived SIGKILL for 30 s:\n" + tail());
        }
        if (process.exitValue() != SIGKILL_EXIT) {
            throw new AssertionError("the demo exited with " + process.exitValue() + " before it was killed:\n" + tail());
        }
    }

    /** The last lines the process wrote, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "--- last lines of " + log.toAbsolutePath() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String readFrom(long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
    }

    private static String classPath() {
        String classPath = System.getProperty("java.class.path");
        String modulePath = System.getProperty("jdk.module.path");
        return modulePath == null || modulePath.isBlank() ? classPath : modulePath + File.pathSeparator + classPath;
    }
}
