package dev.herald.samples.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built sample ({@code samples/target/herald-sample.jar}) run as {@code java -jar … --port 0}, as a user runs
 * it: waits for the {@code herald: ready} line, takes the handle, actor and admin URLs from it, and calls the admin
 * API over HTTP. {@link #close()} sends SIGTERM and waits for a clean stop.
 */
public final class SampleProcess implements AutoCloseable {
    /** The admin token the tests pass. */
    public static final String TOKEN = "test-admin-token-0123";

    private static final Pattern READY = Pattern.compile("^herald: ready (@[^ ]+) actor=(\\S+) admin=(\\S+)/admin$");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Process process;
    private final Thread reader;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final String handle;
    private final URI actor;
    private final URI origin;
    private volatile URI local;

    private SampleProcess(Process process) {
        this.process = process;
        reader = new Thread(this::drain, "sample-stdout");
        reader.setDaemon(true);
        reader.start();
        String ready = awaitLine(l -> l.startsWith("herald: ready"), Duration.ofSeconds(60));
        Matcher m = READY.matcher(ready);
        if (!m.matches()) {
            throw new AssertionError("the ready line does not have the contract's shape: " + ready);
        }
        handle = m.group(1);
        actor = URI.create(m.group(2));
        origin = URI.create(m.group(3));
        local = origin;
    }

    /** A port that was free a moment ago, for tests that restart a sample on the same origin. */
    public static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar the build made. */
    public static Path jar() {
        Path jar = Paths.get(System.getProperty("herald.sample.jar", "target/herald-sample.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": run mvn package first");
        }
        return jar;
    }

    /** Starts the jar with {@code --port 0 --admin-token TOKEN --data DATA} and the further arguments. */
    public static SampleProcess start(Path data, String... args) {
        List<String> command = new ArrayList<>(List.of(
                javaBin(),
                "-Xmx256m",
                "-jar",
                jar().toString(),
                "--port",
                "0",
                "--admin-token",
                TOKEN,
                "--data",
                data.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new SampleProcess(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the jar to its end with these arguments; returns the exit code and everything it printed. */
    public static Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the sample did not exit: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** An exit code and the output. */
    public record Result(int exitCode, String output) {}

    static String javaBin() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void drain() {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                output.add(line);
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** The first output line (already printed or printed within {@code timeout}) that matches. */
    public String awaitLine(Predicate<String> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : output) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive() && output.stream().noneMatch(match)) {
                sleep(100);
                if (output.stream().noneMatch(match)) {
                    throw new AssertionError(
                            "the sample exited with " + process.exitValue() + ":\n" + String.join("\n", output));
                }
            }
            sleep(50);
        }
        throw new AssertionError("no matching line within " + timeout + ":\n" + String.join("\n", output));
    }

    /** Everything printed so far. */
    public List<String> output() {
        return List.copyOf(output);
    }

    public String handle() {
        return handle;
    }

    public URI actor() {
        return actor;
    }

    public URI origin() {
        return origin;
    }

    /** A call to the admin API with the right token; {@code body} may be null. */
    public HttpResponse<String> api(String method, String path, String body) {
        return api(method, path, body, TOKEN);
    }

    /**
     * Calls this process at {@code address} (e.g. {@code http://127.0.0.1:PORT}) from now on, not at its public
     * origin: for several nodes that share one {@code --base-url}, each listening on its own port.
     */
    public SampleProcess reachedAt(URI address) {
        this.local = address;
        return this;
    }

    /** Where this process is called: its origin, or what {@link #reachedAt} said. */
    public URI local() {
        return local;
    }

    /** A call to the admin API with the given token (null: none). */
    public HttpResponse<String> api(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local + "/admin/api" + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A GET of a URL on the site, with an {@code Accept} header (null: none). */
    public static HttpResponse<String> get(URI url, String accept) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(request.build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Parses a JSON object. */
    public static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Polls {@code check} until it is true or {@code timeout} passes. */
    public static void eventually(Duration timeout, String what, java.util.function.BooleanSupplier check) {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            sleep(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends SIGTERM and waits for the clean stop; returns the exit code. */
    public int stop() {
        // SIGTERM through the handle: Process.destroy() would also close the pipes and lose the last lines.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the sample did not stop within 30 s of SIGTERM");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    /** Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the sample did not die within 30 s of SIGKILL");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
