// SPDX-License-Identifier: Apache-2.0
package io.cqrs4j.dynamodb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A dynalite process (src/test/node/dynalite-server.js) on a free loopback port, in memory. It
 * stops when {@link #close} is called, and by itself when the JVM that started it goes away.
 */
final class Dynalite implements AutoCloseable {

    private static final long START_SECONDS = 60;

    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts a dynalite server.
     *
     * @return the running server
     * @throws IllegalStateException with what to do when Node or dynalite cannot start
     */
    static Dynalite start() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path script = module.resolve("src/test/node/dynalite-server.js");
        if (!Files.isRegularFile(module.resolve("node_modules/dynalite/package.json"))) {
            throw new IllegalStateException("dynalite is not installed in " + module.resolve("node_modules")
                    + ": run `npm ci` in " + module + " (mvn runs it in generate-test-resources when node_modules/dynalite"
                    + " is missing), or set CQRS4J_DYNAMODB_ENDPOINT to a running DynamoDB-API server");
        }
        Path log;
        Process process;
        try {
            Path target = Files.createDirectories(module.resolve("target"));
            log = Files.createTempFile(target, "dynalite-", ".log");
            process = new ProcessBuilder("node", script.toString())
                    .directory(module.toFile())
                    .redirectError(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite: `node` (Node 20 or newer) must be on the PATH for"
                    + " the cqrs4j-dynamodb tests, or set CQRS4J_DYNAMODB_ENDPOINT to a running DynamoDB-API server ("
                    + e.getMessage() + ")", e);
        }
        var server = new Dynalite(process, URI.create("http://127.0.0.1:" + awaitPort(process, log)));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-dynalite"));
        return server;
    }

    private static int awaitPort(Process process, Path log) {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            String line = executor.submit(reader::readLine).get(START_SECONDS, TimeUnit.SECONDS);
            if (line != null && line.startsWith("listening ")) {
                return Integer.parseInt(line.substring("listening ".length()).trim());
            }
            throw failed(process, log, "it printed " + (line == null ? "nothing" : "\"" + line + "\""), null);
        } catch (TimeoutException e) {
            throw failed(process, log, "it did not listen within " + START_SECONDS + " s", e);
        } catch (ExecutionException | InterruptedException e) {
            throw failed(process, log, "its output could not be read", e);
        }
    }

    private static IllegalStateException failed(Process process, Path log, String why, Exception cause) {
        process.destroyForcibly();
        String errors;
        try {
            errors = Files.readString(log);
        } catch (IOException e) {
            errors = "(no log: " + e.getMessage() + ")";
        }
        return new IllegalStateException("dynalite did not start: " + why + "; its error output:\n" + errors, cause);
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
