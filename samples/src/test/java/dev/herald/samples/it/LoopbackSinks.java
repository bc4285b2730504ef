package dev.herald.samples.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.VerificationResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remote servers for the reliability tests: one JDK {@link HttpServer} per loopback host ({@code 127.0.1.2},
 * {@code 127.0.1.3}, …, each a distinct host to Herald), answering every POST with 202. It counts the POSTs per
 * inbox URL and per sending node (the {@code (node NAME)} in the {@code User-Agent}, see the sample's {@code
 * --node}), and verifies the HTTP signature of every request with {@link SignatureVerifier} once {@link #trust} has
 * given it the actor's key: a delivery that does not verify is counted apart, so the counts are of real, signed
 * deliveries. Thread-safe.
 */
final class LoopbackSinks implements AutoCloseable {
    private static final Pattern NODE = Pattern.compile("\\(node ([^)]+)\\)");

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService threads;
    private final long latencyMillis;
    private final Map<String, AtomicInteger> perInbox = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> perNode = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong unverified = new AtomicLong();
    private final AtomicLong notCreate = new AtomicLong();
    private final AtomicLong firstAt = new AtomicLong();
    private volatile Optional<SignatureVerifier> verifier = Optional.empty();
    private volatile String lastRejection = "";

    private LoopbackSinks(long latencyMillis) {
        this.latencyMillis = latencyMillis;
        this.threads = Executors.newFixedThreadPool(latencyMillis > 0 ? 64 : 8);
    }

    /** {@code hosts} servers on {@code 127.0.1.2} onwards (at most 500), answering at once. */
    static LoopbackSinks start(int hosts) throws IOException {
        return start(hosts, 0);
    }

    /** {@code hosts} servers that answer each request {@code latencyMillis} after reading it, as a remote one would. */
    static LoopbackSinks start(int hosts, long latencyMillis) throws IOException {
        if (hosts < 1 || hosts > 500) {
            throw new IllegalArgumentException("hosts must be 1 to 500: " + hosts);
        }
        LoopbackSinks sinks = new LoopbackSinks(latencyMillis);
        for (int i = 0; i < hosts; i++) {
            int n = i + 2;
            String address = "127.0." + (1 + n / 250) + "." + (n % 250 + 2);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 500);
            server.setExecutor(sinks.threads);
            server.createContext("/", sinks::handle);
            server.start();
            sinks.servers.add(server);
        }
        return sinks;
    }

    /** Verifies every request from now on with these keys. */
    void trust(KeyResolver keys) {
        verifier = Optional.of(SignatureVerifier.of(keys));
    }

    /** How many hosts. */
    int hosts() {
        return servers.size();
    }

    /** The origin of host {@code i}, e.g. {@code http://127.0.1.2:41234}. */
    URI base(int host) {
        InetSocketAddress a = servers.get(host).getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /** Forgets every count (before the next fan-out); the trusted key stays. */
    void reset() {
        perInbox.clear();
        perNode.clear();
        total.set(0);
        verified.set(0);
        unverified.set(0);
        notCreate.set(0);
        firstAt.set(0);
    }

    /** POSTs received in all. */
    long total() {
        return total.get();
    }

    /** Distinct inboxes that received at least one POST. */
    int inboxesReached() {
        return perInbox.size();
    }

    /** POSTs per inbox URL. */
    Map<String, Integer> perInbox() {
        Map<String, Integer> out = new TreeMap<>();
        perInbox.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** POSTs beyond the first, summed over the inboxes. */
    long duplicates() {
        return perInbox.values().stream()
                .mapToLong(c -> Math.max(0, c.get() - 1))
                .sum();
    }

    /** POSTs per sending node ({@code "-"} for a User-Agent without a node). */
    Map<String, Long> perNode() {
        Map<String, Long> out = new TreeMap<>();
        perNode.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Requests whose signature verified. */
    long verified() {
        return verified.get();
    }

    /** Requests whose signature did not verify (or that came before {@link #trust}). */
    long unverified() {
        return unverified.get();
    }

    /** Why the last unverified request was rejected. */
    String lastRejection() {
        return lastRejection;
    }

    /** POSTs whose body was not a {@code Create}. */
    long notCreate() {
        return notCreate.get();
    }

    /** {@link System#nanoTime()} of the first POST, 0 before it. */
    long firstAtNanos() {
        return firstAt.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            String path = exchange.getRequestURI().getRawPath();
            URI target = URI.create("http://" + host + path);
            check(exchange, target, body);
            String text = new String(body, StandardCharsets.UTF_8);
            if (!text.contains("\"type\":\"Create\"")) {
                notCreate.incrementAndGet();
            }
            String agent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
            Matcher node = NODE.matcher(agent);
            perNode.computeIfAbsent(node.find() ? node.group(1) : "-", k -> new AtomicLong())
                    .incrementAndGet();
            perInbox.computeIfAbsent(target.toString(), k -> new AtomicInteger())
                    .incrementAndGet();
            if (total.incrementAndGet() == 1) {
                firstAt.set(System.nanoTime());
            }
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private void check(HttpExchange exchange, URI target, byte[] body) {
        Optional<SignatureVerifier> v = verifier;
        if (v.isEmpty()) {
            unverified.incrementAndGet();
            lastRejection = "no key trusted yet";
            return;
        }
        HttpFields.Builder fields = HttpFields.builder();
        exchange.getRequestHeaders().forEach((name, values) -> values.forEach(value -> fields.add(name, value)));
        HttpMessage.Request request = new HttpMessage.Request(
                "POST", target, exchange.getRequestURI().getRawPath(), fields.build(), HttpFields.empty());
        VerificationResult verdict = v.get().verify(request, body);
        if (verdict instanceof VerificationResult.Verified) {
            verified.incrementAndGet();
        } else {
            unverified.incrementAndGet();
            lastRejection = verdict.toString();
        }
    }

    @Override
    public void close() {
        for (HttpServer server : servers) {
            server.stop(0);
        }
        threads.shutdownNow();
    }
}
