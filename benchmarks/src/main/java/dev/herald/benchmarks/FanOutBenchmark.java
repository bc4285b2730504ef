package dev.herald.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.herald.core.delivery.DeliveryEngine;
import dev.herald.core.delivery.DeliverySettings;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.webfinger.NetworkPolicy;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out throughput of the delivery engine on loopback: one activity queued for {@code inboxes} distinct inboxes
 * spread over {@code hosts} sink servers (each on its own address 127.0.x.y, answering 202 without verifying), then
 * the time until every job is done. Prints deliveries per second, the time to the first delivery, and the heap in
 * use. Not a unit test: run it with {@code benchmarks/run-fanout.sh [inboxes] [hosts] [memory|h2]}.
 */
public final class FanOutBenchmark {
    private FanOutBenchmark() {}

    /** {@code [inboxes=5000] [hosts=250] [store=memory|h2] [perHost=8]}. */
    public static void main(String[] args) throws Exception {
        int inboxes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        String storeKind = args.length > 2 ? args[2] : "memory";
        int perHost = args.length > 3 ? Integer.parseInt(args[3]) : 8;

        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        ExecutorService sinkThreads = Executors.newFixedThreadPool(16);
        List<HttpServer> servers = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            int n = h + 2;
            String address = "127.0." + (n / 250) + "." + (n % 250 + 2);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 1000);
            server.setExecutor(sinkThreads);
            server.createContext("/", exchange -> {
                try (exchange;
                        InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                    if (received.incrementAndGet() == 1) {
                        firstAt.set(System.nanoTime());
                    }
                    exchange.sendResponseHeaders(202, -1);
                }
            });
            server.start();
            servers.add(server);
        }

        Path dir = null;
        HeraldStore store;
        if (storeKind.equals("h2")) {
            dir = Files.createTempDirectory("herald-fanout");
            store = JdbcStore.embeddedH2(dir);
        } else {
            store = new InMemoryStore();
        }
        KeyPair keys = KeyPairs.rsa2048();
        store.keyPairs()
                .findOrCreate(
                        "news",
                        () -> new StoredKeyPair(
                                "news", Pem.write(keys.getPrivate()), Pem.write(keys.getPublic()), Instant.now()));
        for (int i = 0; i < inboxes; i++) {
            InetSocketAddress a = servers.get(i % hosts).getAddress();
            URI base = URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
            store.followers()
                    .put(new Follower(
                            "news",
                            base.resolve("/users/u" + i),
                            base.resolve("/users/u" + i + "/inbox"),
                            Optional.empty(),
                            Optional.empty(),
                            Follower.State.ACCEPTED,
                            Instant.now()));
        }
        String payload = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":"
                + "\"https://www.example.org/ap/objects/bench#create\",\"type\":\"Create\",\"actor\":"
                + "\"https://www.example.org/ap/actors/news\",\"object\":{\"type\":\"Note\",\"content\":\""
                + "<p>" + "x".repeat(800) + "</p>\"}}";

        DeliveryEngine engine = DeliveryEngine.builder(
                        store, u -> URI.create("https://www.example.org/ap/actors/" + u + "#main-key"))
                .settings(DeliverySettings.builder()
                        .maxInFlight(512)
                        .claimBatch(500)
                        .perHostConcurrency(perHost)
                        .maxQueuedPerHost(1000)
                        .pollInterval(Duration.ofMillis(20))
                        .build())
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .build()
                .start();

        Runtime rt = Runtime.getRuntime();
        long start = System.nanoTime();
        int queued = store.deliveries()
                .enqueue(
                        DeliveryBatch.toFollowers(
                                URI.create("https://www.example.org/ap/objects/bench#create"), "news", payload),
                        Instant.now());
        long enqueued = System.nanoTime();
        engine.wakeUp();
        long peakHeap = 0;
        while (store.deliveries().counts().get(JobState.DONE)
                        + store.deliveries().counts().get(JobState.GIVEN_UP)
                < queued) {
            Thread.sleep(20);
            peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        }
        long end = System.nanoTime();

        // Warm publish-to-first-delivery: one activity to one inbox at a time, 50 times.
        InetSocketAddress one = servers.get(0).getAddress();
        URI oneInbox = URI.create("http://" + one.getAddress().getHostAddress() + ":" + one.getPort() + "/inbox");
        long[] latencies = new long[50];
        for (int i = 0; i < latencies.length; i++) {
            long before = received.get();
            long t0 = System.nanoTime();
            URI id = URI.create("https://www.example.org/ap/objects/warm-" + i + "#create");
            store.deliveries().enqueue(DeliveryBatch.toInboxes(id, "news", payload, List.of(oneInbox)), Instant.now());
            engine.wakeUp();
            while (received.get() == before) {
                Thread.onSpinWait();
            }
            latencies[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(latencies);
        engine.close();

        double seconds = (end - start) / 1e9;
        System.out.printf(
                "fan-out: %d inboxes on %d hosts (%s store, %d per host, %d cores)%n",
                queued, hosts, storeKind, perHost, rt.availableProcessors());
        System.out.printf("  enqueue (one transaction)   %8.1f ms%n", (enqueued - start) / 1e6);
        System.out.printf("  first delivery after        %8.1f ms%n", (firstAt.get() - start) / 1e6);
        System.out.printf("  all delivered after         %8.2f s%n", seconds);
        System.out.printf("  deliveries/s                %8.0f%n", queued / seconds);
        System.out.printf(
                "  given up                    %8d%n",
                store.deliveries().counts().get(JobState.GIVEN_UP));
        System.out.printf("  received by the sinks       %8d%n", received.get());
        System.out.printf("  peak heap sampled           %8.1f MiB%n", peakHeap / 1048576.0);
        System.out.printf(
                "  warm publish -> delivery    p50 %.1f ms, p90 %.1f ms (50 single-inbox activities)%n",
                latencies[latencies.length / 2] / 1e6, latencies[latencies.length * 9 / 10] / 1e6);

        for (HttpServer s : servers) {
            s.stop(0);
        }
        sinkThreads.shutdownNow();
        store.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
