package dev.herald.core.fetch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake remote server on 127.0.0.1 for fetch tests: answers each path with what was set for it, counts requests
 * per path and keeps the request headers, and the bodies of POSTs. Thread-safe.
 */
public final class RemoteServer implements AutoCloseable {
    /** An answer. */
    public record Answer(int status, Map<String, String> headers, byte[] body, long delayMillis) {
        /** A JSON answer with this content type. */
        public static Answer json(String contentType, String json) {
            return new Answer(200, Map.of("Content-Type", contentType), json.getBytes(StandardCharsets.UTF_8), 0);
        }

        /** An ActivityPub document. */
        public static Answer activity(String json) {
            return json("application/activity+json", json);
        }

        /** A status without a body. */
        public static Answer status(int status) {
            return new Answer(status, Map.of(), new byte[0], 0);
        }

        /** A redirect. */
        public static Answer redirect(String location) {
            return new Answer(302, Map.of("Location", location), new byte[0], 0);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();

    /**
     * A POST as received.
     *
     * @param path its raw path
     * @param headers its header fields
     * @param body its body
     */
    public record Posted(String path, Map<String, List<String>> headers, byte[] body) {}

    private RemoteServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            requests.add(Map.copyOf(exchange.getRequestHeaders()));
            if (exchange.getRequestMethod().equals("POST")) {
                posted.add(new Posted(
                        path,
                        Map.copyOf(exchange.getRequestHeaders()),
                        exchange.getRequestBody().readAllBytes()));
            }
            Answer answer = answers.getOrDefault(path, Answer.status(404));
            try {
                if (answer.delayMillis() > 0) {
                    Thread.sleep(answer.delayMillis());
                }
                answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client went away (a cap or a timeout).
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Starts a server. */
    public static RemoteServer start() {
        try {
            return new RemoteServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The origin, {@code http://127.0.0.1:PORT}. */
    public URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The absolute URL of {@code path}. */
    public URI uri(String path) {
        return URI.create(origin() + path);
    }

    /**
     * Serves a {@code Person} named {@code name} at {@code /users/<name>} with {@code key} as its {@code #main-key},
     * and an inbox that answers 202; returns the actor's id.
     */
    public URI serveActor(String name, java.security.PublicKey key) {
        URI id = uri("/users/" + name);
        dev.herald.core.vocab.Actor actor = dev.herald.core.vocab.Actor.builder(
                        id, dev.herald.core.vocab.ActorType.PERSON, uri("/users/" + name + "/inbox"))
                .addPublicKey(new dev.herald.core.vocab.PublicKey(
                        URI.create(id + "#main-key"), id, dev.herald.signatures.Pem.write(key)))
                .build();
        on(
                "/users/" + name,
                Answer.activity(dev.herald.core.jsonld.DocumentWriter.create().write(actor)));
        on("/users/" + name + "/inbox", Answer.status(202));
        return id;
    }

    /** Answers {@code path} with {@code answer}. */
    public RemoteServer on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** How many requests reached {@code path}. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** The headers of every request, in order. */
    public List<Map<String, List<String>>> requests() {
        return requests;
    }

    /** The POSTs that reached {@code path}, in order. */
    public List<Posted> posted(String path) {
        return posted.stream().filter(p -> p.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
