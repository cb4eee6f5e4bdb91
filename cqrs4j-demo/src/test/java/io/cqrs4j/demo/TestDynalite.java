// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The DynamoDB-API server of the demo's tests: {@code CQRS4J_DYNAMODB_ENDPOINT} when set, otherwise
 * the dynalite server of the sibling module cqrs4j-dynamodb ({@code src/test/node/dynalite-server.js},
 * with the {@code node_modules} that its build installs), on a free loopback port, in memory.
 * Unavailable means the test fails, saying what to do.
 */
final class TestDynalite implements AutoCloseable {

    private static final long START_SECONDS = 60;

    private final Process process;
    private final String endpoint;

    private TestDynalite(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts dynalite, or names the configured endpoint. */
    static TestDynalite start() throws IOException {
        String configured = System.getenv("CQRS4J_DYNAMODB_ENDPOINT");
        if (configured != null && !configured.isBlank()) {
            return new TestDynalite(null, configured);
        }
        Path demo = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path module = demo.resolveSibling("cqrs4j-dynamodb").toAbsolutePath().normalize();
        if (!Files.isRegularFile(module.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException("dynalite is not installed in " + module.resolve("node_modules")
                    + ": build cqrs4j-dynamodb once (its build runs `npm ci`) or run `npm ci` there, or set"
                    + " CQRS4J_DYNAMODB_ENDPOINT to a running DynamoDB-API server");
        }
        Path log = Files.createTempFile(Files.createDirectories(demo.resolve("target")), "dynalite-", ".log");
        Process process = new ProcessBuilder("node", module.resolve("src/test/node/dynalite-server.js").toString())
                .directory(module.toFile())
                .redirectError(log.toFile())
                .start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            String line = executor.submit(reader::readLine).get(START_SECONDS, TimeUnit.SECONDS);
            if (line == null || !line.startsWith("listening ")) {
                throw new IllegalStateException("dynalite did not start: it printed " + line + "; its errors:\n"
                        + Files.readString(log));
            }
            return new TestDynalite(process, "http://127.0.0.1:" + line.substring("listening ".length()).trim());
        } catch (TimeoutException | ExecutionException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("dynalite did not start within " + START_SECONDS + " s; its errors:\n"
                    + Files.readString(log), e);
        }
    }

    /** The endpoint, for {@code --url}. */
    String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
