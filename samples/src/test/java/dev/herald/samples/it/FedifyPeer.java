package dev.herald.samples.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Drives the Fedify interop peer ({@code samples/interop/fedify-peer.mjs}, Fedify 2.3.6 on Node) from a
 * test: one-shot lookups that print one JSON object, and a long-running server that prints one JSON event
 * per line. The build installs the peer with {@code npm ci} before the integration tests; a missing peer
 * fails the test, it never skips it. A copy of core's test driver {@code dev.herald.core.interop.FedifyPeer}
 * (samples cannot see core's test classes, and a test-jar would make core publish one for this alone).
 */
public final class FedifyPeer {
    private FedifyPeer() {}

    /** The peer's folder, which must have been installed. */
    public static Path directory() {
        String configured = System.getProperty("herald.interop");
        Path dir = configured != null ? Paths.get(configured) : Paths.get("..", "samples", "interop");
        if (!Files.isRegularFile(dir.resolve("fedify-peer.mjs"))) {
            throw new IllegalStateException("Fedify interop peer not found at " + dir.toAbsolutePath());
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@fedify/fedify"))) {
            throw new IllegalStateException("Fedify interop peer not installed: run `npm ci` in " + dir.toAbsolutePath()
                    + " (mvn verify does it in pre-integration-test)");
        }
        return dir;
    }

    /**
     * Runs a one-shot subcommand ({@code lookup-webfinger}, {@code lookup-object}, {@code traverse}) and
     * returns its JSON output; fails with the output and stderr if it exits non-zero.
     */
    public static JsonObject run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of("node", "fedify-peer.mjs"));
        command.addAll(List.of(args));
        try {
            Path stderr = Files.createTempFile("fedify-peer", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(directory().toFile())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("fedify-peer " + String.join(" ", args) + " timed out after " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("fedify-peer " + String.join(" ", args) + " exited " + process.exitValue()
                        + ": " + text + "\nstderr: " + Files.readString(stderr));
            }
            Files.deleteIfExists(stderr);
            return parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts {@code serve}: a Fedify server on a free loopback port with one actor. */
    public static Server serve(String handle) {
        return new Server(handle);
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text.strip()))) {
            return reader.readObject();
        }
    }

    /** A running {@code serve} peer. Close it to stop it. Not thread-safe apart from its event queue. */
    public static final class Server implements AutoCloseable {
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        private final List<JsonObject> seen = new ArrayList<>();
        private final JsonObject ready;

        private Server(String handle) {
            try {
                Path stderr = Files.createTempFile("fedify-peer-serve", ".err");
                process = new ProcessBuilder("node", "fedify-peer.mjs", "serve", "--port", "0", "--handle", handle)
                        .directory(directory().toFile())
                        .redirectError(stderr.toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stdin = process.outputWriter(StandardCharsets.UTF_8);
            Thread reader = new Thread(this::drain, "fedify-peer-stdout");
            reader.setDaemon(true);
            reader.start();
            ready = await(e -> "ready".equals(e.getString("event", "")), Duration.ofSeconds(30));
        }

        private void drain() {
            try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("{")) {
                        events.add(parse(line));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The peer stopped; waiting callers time out with what was seen.
            }
        }

        /** The {@code ready} event: actor, inbox, sharedInbox, keyId, … */
        public JsonObject ready() {
            return ready;
        }

        /** Sends one command line, e.g. {@code {"cmd":"follow","target":"…","ref":"f1"}}. */
        public void command(JsonObject command) {
            try {
                stdin.write(command.toString() + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The first event (seen before or arriving within {@code timeout}) that matches. */
        public JsonObject await(Predicate<JsonObject> match, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            synchronized (seen) {
                for (JsonObject event : seen) {
                    if (match.test(event)) {
                        return event;
                    }
                }
            }
            try {
                while (true) {
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    JsonObject event = left > 0 ? events.poll(left, TimeUnit.MILLISECONDS) : null;
                    if (event == null) {
                        throw new AssertionError("no matching fedify-peer event within " + timeout + "; seen: " + seen);
                    }
                    synchronized (seen) {
                        seen.add(event);
                    }
                    if (match.test(event)) {
                        return event;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        @Override
        public void close() {
            try {
                stdin.close();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
