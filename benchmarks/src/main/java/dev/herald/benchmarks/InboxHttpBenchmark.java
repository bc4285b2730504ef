package dev.herald.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.inbox.InboxSettings;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.servlet.HeraldFilter;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.servlet.DispatcherType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The inbox benchmark over HTTP: the same load — {@code Like}s from 1,000 remote actors (RSA-2048, draft-cavage
 * signatures made beforehand) POSTed to a shared inbox on loopback by {@code connections} concurrent keep-alive
 * connections — against Herald (Jetty, {@link HeraldFilter}, in-memory and H2 stores) and against a Fedify 2.3.6
 * inbox server ({@code samples/interop/bench/fedify-inbox.mjs}) in the same run. The remote actors' documents are
 * served on loopback hosts {@code 127.0.2.x}; a warm-up round of one request per actor lets each server fetch and
 * cache every key, then the measured round counts answers {@code 202}/{@code 200} per second: each one verified
 * (digest, date, signature with the cached key, key owner = actor) and stored (or, for Fedify, handled by its
 * inbox listener, which stores the activity in its key-value store).
 *
 * <p>Usage (see {@code benchmarks/run-inbox.sh}): {@code InboxHttpBenchmark [--actors 1000] [--requests 20000]
 * [--connections 32] [--targets herald-memory,herald-h2,herald-postgres,fedify]}.
 */
public final class InboxHttpBenchmark {
    private static final int KEY_PAIRS = 25;

    private InboxHttpBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int actors = Integer.parseInt(o.getOrDefault("actors", "1000"));
        int requests = Integer.parseInt(o.getOrDefault("requests", "20000"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "32"));
        List<String> targets = List.of(
                o.getOrDefault("targets", "herald-memory,herald-h2,fedify").split(","));
        System.out.printf(
                "inbox over HTTP: %,d Likes from %,d remote actors (RSA-2048, draft-cavage), %d connections, %d"
                        + " cores%n",
                requests, actors, connections, Runtime.getRuntime().availableProcessors());

        List<KeyPair> pairs = new ArrayList<>();
        for (int i = 0; i < KEY_PAIRS; i++) {
            pairs.add(KeyPairs.rsa2048());
        }
        List<String[]> rows = new ArrayList<>();
        try (RemoteActors remote = new RemoteActors(actors, pairs)) {
            for (String target : targets) {
                rows.add(
                        target.equals("fedify")
                                ? fedify(remote, requests, connections)
                                : herald(remote, target.substring("herald-".length()), requests, connections));
            }
        }
        System.out.println();
        System.out.printf("%-44s %14s  %s%n", "server", "activities/s", "notes");
        for (String[] row : rows) {
            System.out.printf("%-44s %14s  %s%n", row[0], row[1], row[2]);
        }
    }

    // ---- the servers under load ----

    private static String[] herald(RemoteActors remote, String storeKind, int requests, int connections)
            throws Exception {
        Path dir = storeKind.equals("h2") ? Files.createTempDirectory("herald-inbox-http") : null;
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg = storeKind.equals("postgres")
                ? io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start()
                : null;
        HeraldStore store = dir != null
                ? JdbcStore.embeddedH2(dir)
                : pg != null
                        ? JdbcStore.builder()
                                .jdbcUrl(pg.getJdbcUrl("postgres", "postgres"))
                                .build()
                        : new InMemoryStore();
        // The sample server's pool (64 threads); the benchmark's properties are for experiments only.
        org.eclipse.jetty.util.thread.QueuedThreadPool threads =
                new org.eclipse.jetty.util.thread.QueuedThreadPool(Integer.getInteger("inbox.jetty.threads", 64), 4);
        threads.setReservedThreads(Integer.getInteger("inbox.jetty.reserved", -1));
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(
                server,
                Integer.getInteger("inbox.jetty.acceptors", -1),
                Integer.getInteger("inbox.jetty.selectors", -1));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        URI origin = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        Federation federation = Federation.builder()
                .origin(origin)
                .addActor(ActorProfile.builder("news").build())
                .store(store)
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                // The per-server rate limit would (rightly) throttle 1,000 actors on one test host range.
                .inboxSettings(
                        InboxSettings.builder().rate(10_000_000, 1_000_000).build())
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(new HeraldFilter(federation)), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        try {
            String name = "Herald (Jetty 12), "
                    + (dir != null ? "H2 file store" : pg != null ? "PostgreSQL store" : "in-memory store");
            return load(name, remote, origin.resolve("/ap/inbox"), requests, connections);
        } finally {
            server.stop();
            federation.close();
            store.close();
            if (pg != null) {
                pg.close();
            }
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String[] fedify(RemoteActors remote, int requests, int connections) throws Exception {
        Path script = Path.of("samples/interop/bench/fedify-inbox.mjs");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + script.toAbsolutePath() + ": run from the repository root");
        }
        Process node = new ProcessBuilder("node", script.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            String inbox = null;
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = Pattern.compile("\"sharedInbox\":\"([^\"]+)\"").matcher(line);
                if (line.contains("\"event\":\"ready\"") && m.find()) {
                    inbox = m.group(1);
                    break;
                }
                System.out.println("  | " + line);
            }
            if (inbox == null) {
                throw new IllegalStateException("fedify-inbox ended before it was ready");
            }
            return load("Fedify 2.3.6 (Node, no queue)", remote, URI.create(inbox), requests, connections);
        } finally {
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    // ---- the load ----

    private static String[] load(String name, RemoteActors remote, URI inbox, int requests, int connections)
            throws Exception {
        System.out.printf("%s at %s%n", name, inbox);
        long t0 = System.nanoTime();
        List<HttpLoad.Request> warm = remote.sign(inbox, 0, remote.count(), "warm");
        List<HttpLoad.Request> jit = remote.sign(inbox, 0, requests, "jit");
        List<HttpLoad.Request> measured = remote.sign(inbox, 0, requests, "run");
        System.out.printf(
                "  signed %,d requests in %.1f s%n",
                warm.size() + jit.size() + measured.size(), (System.nanoTime() - t0) / 1e9);
        InetSocketAddress server = new InetSocketAddress(inbox.getHost(), inbox.getPort());
        HttpLoad.Result w = HttpLoad.run(server, warm, connections);
        System.out.printf(
                "  warm-up (one per actor, keys fetched and cached): %,d accepted, %d refused %s%n",
                w.accepted(), w.refused(), w.reasons());
        // Then as many again as measured, unmeasured, so that the JIT compilers have settled (a server runs warm).
        HttpLoad.Result j = HttpLoad.run(server, jit, connections);
        System.out.printf(
                "  warm-up (JIT): %,d accepted, %d refused %s, %,.0f/s%n",
                j.accepted(), j.refused(), j.reasons(), j.accepted() / j.seconds());
        Map<String, Long> cpuBefore = cpu();
        HttpLoad.Result r = HttpLoad.run(server, measured, connections);
        Map<String, Long> cpuAfter = cpu();
        StringBuilder cpu = new StringBuilder();
        cpuAfter.forEach((k, v) -> cpu.append(k)
                .append('=')
                .append(v - cpuBefore.getOrDefault(k, 0L))
                .append(' '));
        cpu.append("load-generator=").append(r.cpuMillis());
        System.out.printf(
                "  CPU ms in this JVM during the measured round: %s%n",
                cpu.toString().trim());
        double rate = r.accepted() / r.seconds();
        System.out.printf(
                "  %,.0f activities/s accepted (%,d accepted, %d refused %s, %.2f s)%n",
                rate, r.accepted(), r.refused(), r.reasons(), r.seconds());
        return new String[] {
            name,
            String.format("%,.0f", rate),
            String.format(
                    "%,d of %,d accepted in %.2f s%s",
                    r.accepted(), measured.size(), r.seconds(), r.refused() == 0 ? "" : ", refused " + r.reasons())
        };
    }

    /** CPU time per kind of thread in this JVM, in ms: the server under test, its workers, the load generator. */
    private static Map<String, Long> cpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> byKind = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String kind = name.startsWith("qtp")
                    ? "jetty"
                    : name.startsWith("herald-inbox")
                            ? "inbox-workers"
                            : name.startsWith("HttpClient") ? "key-fetch" : "other";
            byKind.merge(kind, Math.max(0, threads.getThreadCpuTime(info.getThreadId())) / 1_000_000, Long::sum);
        }
        return byKind;
    }

    /** Remote actors' documents on loopback hosts 127.0.2.x, one per actor, each with its public key. */
    private static final class RemoteActors implements AutoCloseable {
        private final List<HttpServer> servers = new ArrayList<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(4);
        private final List<String> origins = new ArrayList<>();
        private final List<KeyPair> pairs;
        private final int count;

        RemoteActors(int count, List<KeyPair> pairs) throws IOException {
            this.count = count;
            this.pairs = pairs;
            int hosts = Math.min(100, count);
            List<String> pems =
                    pairs.stream().map(k -> Pem.write(k.getPublic())).toList();
            for (int h = 0; h < hosts; h++) {
                InetAddress address = InetAddress.getByName("127.0.2." + (h + 1));
                HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 200);
                server.setExecutor(threads);
                String origin = "http://" + address.getHostAddress() + ":"
                        + server.getAddress().getPort();
                server.createContext("/users/", exchange -> {
                    try (exchange) {
                        String path = exchange.getRequestURI().getPath();
                        int i = Integer.parseInt(path.substring("/users/u".length()));
                        String id = origin + "/users/u" + i;
                        String pem = pems.get(i % pems.size()).replace("\n", "\\n");
                        byte[] doc = ("{\"@context\":[\"https://www.w3.org/ns/activitystreams\","
                                        + "\"https://w3id.org/security/v1\"],\"id\":\"" + id + "\","
                                        + "\"type\":\"Person\",\"preferredUsername\":\"u" + i + "\","
                                        + "\"inbox\":\"" + id + "/inbox\",\"publicKey\":{\"id\":\"" + id
                                        + "#main-key\",\"owner\":\"" + id + "\",\"publicKeyPem\":\"" + pem + "\"}}")
                                .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/activity+json");
                        exchange.sendResponseHeaders(200, doc.length);
                        try (OutputStream os = exchange.getResponseBody()) {
                            os.write(doc);
                        }
                    } catch (RuntimeException e) {
                        exchange.sendResponseHeaders(404, -1);
                    }
                });
                server.start();
                servers.add(server);
                origins.add(origin);
            }
        }

        int count() {
            return count;
        }

        String actor(int i) {
            return origins.get(i % origins.size()) + "/users/u" + i;
        }

        /** {@code n} Likes to {@code inbox}, round-robin over the actors, signed on two threads. */
        List<HttpLoad.Request> sign(URI inbox, int from, int n, String tag) throws Exception {
            HttpLoad.Request[] out = new HttpLoad.Request[n];
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        int a = (from + i) % count;
                        String actor = actor(a);
                        String body = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor
                                + "/likes/" + tag + "-" + inbox.getPort() + "-" + i + "\",\"type\":\"Like\","
                                + "\"actor\":\"" + actor + "\",\"object\":\"" + inbox.resolve("/ap/objects/" + (i % 50))
                                + "\"}";
                        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                        HttpMessage.Request signed = CavageSigner.of(SigningKey.of(
                                        actor + "#main-key",
                                        pairs.get(a % pairs.size()).getPrivate()))
                                .sign(
                                        HttpMessage.Request.of(
                                                "POST",
                                                inbox,
                                                HttpFields.of("Content-Type", "application/activity+json")),
                                        bytes);
                        List<Map.Entry<String, String>> headers = new ArrayList<>();
                        signed.fields().forEach((k, v) -> {
                            String lower = k.toLowerCase(Locale.ROOT);
                            if (!lower.equals("host") && !lower.equals("content-length")) {
                                headers.add(Map.entry(k, v));
                            }
                        });
                        out[i] = HttpLoad.Request.post(inbox, headers, bytes);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            return List.of(out);
        }

        @Override
        public void close() {
            for (HttpServer s : servers) {
                s.stop(0);
            }
            threads.shutdownNow();
        }
    }
}
