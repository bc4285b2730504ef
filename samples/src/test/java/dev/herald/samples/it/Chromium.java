package dev.herald.samples.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}, never a downloaded browser) driven over the Chrome
 * DevTools Protocol with the JDK's own WebSocket client: navigate, evaluate, type, take a screenshot. One page.
 */
final class Chromium implements AutoCloseable {
    static final Path EXECUTABLE = Path.of(System.getProperty("herald.chromium", "/usr/bin/chromium"));

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

    private Chromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** Starts Chromium with a fresh profile under {@code profile} and connects to its first page. */
    static Chromium start(Path profile) throws Exception {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: apt-get install -y chromium");
        }
        Process process = new ProcessBuilder(
                        EXECUTABLE.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--window-size=1100,1400",
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling("chromium.log").toFile())
                .start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            Instant deadline = Instant.now().plusSeconds(30);
            while (!(Files.isRegularFile(portFile)
                    && Files.readAllLines(portFile).size() >= 2)) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new IllegalStateException(
                            "Chromium did not open its DevTools port; see " + profile.resolveSibling("chromium.log"));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            String pageSocket =
                    Json.createReader(new java.io.StringReader(list)).readArray().getValuesAs(JsonObject.class).stream()
                            .filter(t -> "page".equals(t.getString("type", "")))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("Chromium has no page: " + list))
                            .getString("webSocketDebuggerUrl");
            Chromium[] self = new Chromium[1];
            Listener listener = new Listener(self);
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(pageSocket), listener)
                    .get(10, TimeUnit.SECONDS);
            self[0] = new Chromium(process, socket);
            self[0].call("Page.enable", JsonValue.EMPTY_JSON_OBJECT);
            self[0].call("Runtime.enable", JsonValue.EMPTY_JSON_OBJECT);
            return self[0];
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final Chromium[] owner;
        private final StringBuilder text = new StringBuilder();

        Listener(Chromium[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonObject message = SampleProcess.json(text.toString());
                text.setLength(0);
                if (message.containsKey("id") && owner[0] != null) {
                    CompletableFuture<JsonObject> future = owner[0].waiting.remove(message.getInt("id"));
                    if (future != null) {
                        future.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** Sends a CDP command and returns its {@code result}; fails on a CDP error. */
    JsonObject call(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        JsonObject command = Json.createObjectBuilder()
                .add("id", id)
                .add("method", method)
                .add("params", params)
                .build();
        try {
            socket.sendText(command.toString(), true).get(10, TimeUnit.SECONDS);
            JsonObject message = answer.get(30, TimeUnit.SECONDS);
            if (message.containsKey("error")) {
                throw new AssertionError(method + " failed: " + message.get("error"));
            }
            return message.getJsonObject("result");
        } catch (Exception e) {
            throw new AssertionError(method + " failed", e);
        }
    }

    /** Opens a URL and waits for the page to have loaded. */
    void navigate(URI url) {
        call(
                "Page.navigate",
                Json.createObjectBuilder().add("url", url.toString()).build());
        waitFor(
                "document.readyState === 'complete' && location.href === " + quote(url.toString()),
                Duration.ofSeconds(20));
    }

    /** Evaluates a JavaScript expression (awaiting a promise) and returns its value. */
    JsonValue eval(String expression) {
        JsonObject result = call(
                "Runtime.evaluate",
                Json.createObjectBuilder()
                        .add("expression", expression)
                        .add("returnByValue", true)
                        .add("awaitPromise", true)
                        .build());
        if (result.containsKey("exceptionDetails")) {
            throw new AssertionError("script failed: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.getJsonObject("result").getOrDefault("value", JsonValue.NULL);
    }

    /** Waits until a JavaScript expression is true. */
    void waitFor(String condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (eval("!!(" + condition + ")") != JsonValue.TRUE) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + condition + "; page text: "
                        + eval("document.body ? document.body.innerText : ''"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Focuses the element with that id, clears it, and types the text as keyboard input. */
    void type(String elementId, String text) {
        eval("(() => { const e = document.getElementById(" + quote(elementId) + "); e.focus(); e.value = ''; })()");
        call("Input.insertText", Json.createObjectBuilder().add("text", text).build());
    }

    /** Clicks the element with that id with the mouse, at its centre. */
    void click(String elementId) {
        JsonObject box = (JsonObject) eval("(() => { const e = document.getElementById(" + quote(elementId) + ");"
                + " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : List.of("mousePressed", "mouseReleased")) {
            call(
                    "Input.dispatchMouseEvent",
                    Json.createObjectBuilder()
                            .add("type", type)
                            .add("x", box.getJsonNumber("x").doubleValue())
                            .add("y", box.getJsonNumber("y").doubleValue())
                            .add("button", "left")
                            .add("clickCount", 1)
                            .build());
        }
    }

    /** Saves a PNG screenshot of the whole page. */
    void screenshot(Path file) {
        JsonObject shot = call(
                "Page.captureScreenshot",
                Json.createObjectBuilder()
                        .add("format", "png")
                        .add("captureBeyondViewport", true)
                        .build());
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(shot.getString("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String text) {
        return Json.createValue(text).toString();
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing anyway.
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
