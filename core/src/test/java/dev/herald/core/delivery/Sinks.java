package dev.herald.core.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Fake remote servers for delivery tests: one {@link HttpServer} per host, each on its own loopback address
 * ({@code 127.0.0.2}, {@code 127.0.0.3}, …) so that each is a distinct host to the engine. Every POST is recorded
 * with the verdict of a {@link SignatureVerifier}; each host answers as its behaviour says for the n-th request.
 */
final class Sinks implements AutoCloseable {
    /** What a host answers: a status, or hanging until the sinks close. */
    record Answer(int status, boolean hangs, long delayMillis, Map<String, String> headers) {
        static Answer status(int status) {
            return new Answer(status, false, 0, Map.of());
        }

        static Answer hang() {
            return new Answer(0, true, 0, Map.of());
        }

        static Answer slow(int status, long millis) {
            return new Answer(status, false, millis, Map.of());
        }
    }

    /** A request as a host received it. */
    record Received(int host, String path, VerificationResult verdict, String body) {}

    private final List<HttpServer> servers = new ArrayList<>();
    private final List<Map<Integer, AtomicInteger>> counters = new ArrayList<>();
    private final List<IntFunction<Answer>> behaviours = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final SignatureVerifier verifier;

    private Sinks(KeyResolver keys) {
        this.verifier = SignatureVerifier.of(keys);
    }

    /** {@code count} hosts, each answering 202 to everything. */
    static Sinks start(int count, KeyResolver keys) throws IOException {
        return start(count, keys, null);
    }

    /**
     * {@code count} hosts over HTTPS, serving {@code tls} (a certificate for {@link #addresses(int)}), each answering
     * 202 to everything.
     */
    static Sinks startTls(int count, KeyResolver keys, javax.net.ssl.SSLContext tls) throws IOException {
        return start(count, keys, tls);
    }

    /** The loopback addresses of the first {@code count} hosts, in keytool's SAN form ({@code ip:127.0.0.2}). */
    static String[] addresses(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "ip:" + address(i);
        }
        return names;
    }

    private static Sinks start(int count, KeyResolver keys, javax.net.ssl.SSLContext tls) throws IOException {
        Sinks sinks = new Sinks(keys);
        for (int i = 0; i < count; i++) {
            int host = i;
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(address(i)), 0);
            HttpServer server;
            if (tls == null) {
                server = HttpServer.create(at, 200);
            } else {
                com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(at, 200);
                https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
                server = https;
            }
            server.setExecutor(sinks.executor);
            server.createContext("/", exchange -> sinks.handle(host, exchange));
            server.start();
            sinks.servers.add(server);
            sinks.counters.add(new ConcurrentHashMap<>());
            sinks.behaviours.add(n -> Answer.status(202));
        }
        return sinks;
    }

    private static String address(int i) {
        int n = i + 2;
        return "127.0." + (n / 250) + "." + (n % 250 + 2);
    }

    /** Sets how host {@code i} answers its n-th request (1 for the first). */
    void behave(int host, IntFunction<Answer> behaviour) {
        behaviours.set(host, behaviour);
    }

    /** The shared inbox of host {@code i}. */
    URI sharedInbox(int host) {
        return base(host).resolve("/inbox");
    }

    /** The personal inbox of {@code user} on host {@code i}. */
    URI inbox(int host, String user) {
        return base(host).resolve("/users/" + user + "/inbox");
    }

    /** The actor id of {@code user} on host {@code i}. */
    URI actor(int host, String user) {
        return base(host).resolve("/users/" + user);
    }

    /** Stores {@code user} on {@code host} as an accepted follower of {@code localActor}, with the host's shared inbox. */
    void follow(HeraldStore store, String localActor, int host, String user, boolean shared) {
        store.followers()
                .put(new Follower(
                        localActor,
                        actor(host, user),
                        inbox(host, user),
                        shared ? Optional.of(sharedInbox(host)) : Optional.empty(),
                        Optional.empty(),
                        Follower.State.ACCEPTED,
                        Instant.now()));
    }

    /** Stores {@code keys} as the key pair of {@code localActor}, as the site's first start would; returns them. */
    static java.security.KeyPair storeKeys(HeraldStore store, String localActor, java.security.KeyPair keys) {
        store.keyPairs()
                .findOrCreate(
                        localActor,
                        () -> new dev.herald.core.store.StoredKeyPair(
                                localActor,
                                dev.herald.signatures.Pem.write(keys.getPrivate()),
                                dev.herald.signatures.Pem.write(keys.getPublic()),
                                Instant.now()));
        return keys;
    }

    /** The sinks' key resolver: {@code keyId}'s public key, owned by {@code owner}, and no other key. */
    static KeyResolver onlyKey(URI keyId, java.security.PublicKey key, URI owner) {
        return id -> keyId.toString().equals(id)
                ? Optional.of(dev.herald.signatures.VerificationKey.of(id, key, owner))
                : Optional.empty();
    }

    /** Queues a minimal {@code Create} with id {@code activity} of {@code localActor} to all its followers. */
    static int publish(HeraldStore store, String localActor, URI activity) {
        return store.deliveries()
                .enqueue(
                        DeliveryBatch.toFollowers(
                                activity, localActor, "{\"id\":\"" + activity + "\",\"type\":\"Create\"}"),
                        Instant.now());
    }

    private URI base(int host) {
        InetSocketAddress a = servers.get(host).getAddress();
        String scheme = servers.get(host) instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return URI.create(scheme + "://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
    }

    /** Everything received so far. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests host {@code i} received. */
    List<Received> receivedBy(int host) {
        return received.stream().filter(r -> r.host() == host).toList();
    }

    private void handle(int host, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpFields.Builder fields = HttpFields.builder();
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> fields.add(name, v)));
            URI target = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host")
                    + exchange.getRequestURI().getRawPath());
            HttpMessage.Request request = new HttpMessage.Request(
                    exchange.getRequestMethod(),
                    target,
                    exchange.getRequestURI().getRawPath(),
                    fields.build(),
                    HttpFields.empty());
            VerificationResult verdict = verifier.verify(request, body);
            int n = counters.get(host)
                    .computeIfAbsent(0, k -> new AtomicInteger())
                    .incrementAndGet();
            received.add(new Received(
                    host,
                    exchange.getRequestURI().getRawPath(),
                    verdict,
                    new String(body, java.nio.charset.StandardCharsets.UTF_8)));
            Answer answer = behaviours.get(host).apply(n);
            if (answer.hangs()) {
                closing.await(60, TimeUnit.SECONDS);
                return;
            }
            if (answer.delayMillis() > 0) {
                closing.await(answer.delayMillis(), TimeUnit.MILLISECONDS);
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        for (HttpServer server : servers) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
