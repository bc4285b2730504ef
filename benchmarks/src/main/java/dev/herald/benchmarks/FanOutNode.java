package dev.herald.benchmarks;

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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Herald side of {@link FanOutBenchmark}, in its own JVM so that its heap ({@code -Xmx}) holds Herald alone, not
 * the sinks or the driver: a store with one follower per line of the followers file ({@code actor inbox}), a
 * {@link DeliveryEngine} with default settings, and a new {@code Create} fanned out to all followers each time the
 * driver writes {@code go} (warm-up rounds, then the measured ones). Talks to the driver in lines on stdin and
 * stdout:
 *
 * <pre>
 *   ready followers=N seed_ms=T provider=P
 *   (driver: prepare)                                  before a round: a full GC and the counters, off the clock
 *   prepared heap_used_mib=M
 *   (driver: go)                                       once per round (prepares first if not told to):
 *   queued jobs=N enqueue_ms=T
 *   cpu claim_ms=… io_ms=… other_ms=… sign_ms=… store_ms=…   CPU per thread pool during the round
 *   done ms=T given_up=N heap_peak_mib=M heap_max_mib=X gcs=G
 *   (driver: one)                                      publishes to the first follower's inbox alone
 *   (driver closes stdin: the engine closes, the store closes, exit)
 * </pre>
 *
 * <p>Usage: {@code FanOutNode FOLLOWERS_FILE memory|h2|JDBC_URL}; {@code -Dfanout.tls=DIR}: the sinks speak HTTPS
 * with {@link BenchTls}'s certificate in {@code DIR}.
 */
public final class FanOutNode {
    private static final String ACTOR = "news";
    private static final URI ACTIVITY = URI.create("https://www.example.org/ap/objects/bench#create");

    private FanOutNode() {}

    public static void main(String[] args) throws Exception {
        Path followers = Path.of(args[0]);
        String storeKind = args[1];
        Path dir = null;
        HeraldStore store;
        if (storeKind.equals("memory")) {
            store = new InMemoryStore();
        } else if (storeKind.equals("h2")) {
            dir = Files.createTempDirectory("herald-fanout");
            store = JdbcStore.embeddedH2(dir);
        } else {
            store = JdbcStore.builder().jdbcUrl(storeKind).build();
        }
        long t0 = System.nanoTime();
        KeyPair keys = KeyPairs.rsa2048();
        store.keyPairs()
                .findOrCreate(
                        ACTOR,
                        () -> new StoredKeyPair(
                                ACTOR, Pem.write(keys.getPrivate()), Pem.write(keys.getPublic()), Instant.now()));
        int seeded = 0;
        try (BufferedReader in = Files.newBufferedReader(followers, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                int space = line.indexOf(' ');
                store.followers()
                        .put(new Follower(
                                ACTOR,
                                URI.create(line.substring(0, space)),
                                URI.create(line.substring(space + 1)),
                                Optional.empty(),
                                Optional.empty(),
                                Follower.State.ACCEPTED,
                                Instant.now()));
                seeded++;
            }
        }
        String payload = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + ACTIVITY + "\","
                + "\"type\":\"Create\",\"actor\":\"https://www.example.org/ap/actors/news\","
                + "\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"],"
                + "\"object\":{\"id\":\"https://www.example.org/ap/objects/bench\",\"type\":\"Note\","
                + "\"content\":\"<p>" + "x".repeat(800) + "</p>\"}}";
        DeliveryEngine.Builder builder = DeliveryEngine.builder(
                        store, u -> URI.create("https://www.example.org/ap/actors/" + u + "#main-key"))
                .settings(settings())
                .networkPolicy(NetworkPolicy.allowPrivateNetwork());
        String tls = System.getProperty("fanout.tls");
        if (tls != null) {
            builder.tls(BenchTls.trusting(Path.of(tls))); // HTTPS sinks: trust their certificate, and nothing else
        }
        DeliveryEngine engine = builder.build().start();
        System.out.printf(
                "ready followers=%d seed_ms=%d provider=%s%n",
                seeded, (System.nanoTime() - t0) / 1_000_000, System.getProperty("herald.signatures.provider", "auto"));
        System.out.flush();

        BufferedReader driver = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        // Every "go" fans out a new activity: the driver sends a warm-up round first, then the measured one.
        URI firstInbox = store.followers()
                .list(ACTOR, Follower.State.ACCEPTED, dev.herald.core.store.PageRequest.first(1))
                .items()
                .get(0)
                .inbox();
        int round = 0;
        Prepared prepared = null;
        for (String line; (line = driver.readLine()) != null; ) {
            round++;
            URI activity = URI.create(ACTIVITY + "-" + round);
            String body = payload.replace(ACTIVITY.toString(), activity.toString());
            if (line.equals("prepare")) {
                prepared = prepare(store);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("prepared heap_used_mib=%d%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
                System.out.flush();
            } else if (line.equals("go")) {
                fanOut(
                        store,
                        engine,
                        activity,
                        body,
                        Optional.ofNullable(dir),
                        prepared != null ? prepared : prepare(store));
                prepared = null;
            } else if (line.equals("one")) {
                // Publish to one inbox: the driver times it from its "one" to the sink's arrival.
                store.deliveries()
                        .enqueue(DeliveryBatch.toInboxes(activity, ACTOR, body, List.of(firstInbox)), Instant.now());
                engine.wakeUp();
            } else {
                break;
            }
        }
        engine.close();
        store.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The default settings, or with {@code -Dfanout.inFlight=N} and {@code -Dfanout.perHost=N} (given to this JVM
     * through {@code -Dfanout.node.jvm=...} on the driver) to see what the defaults cost.
     */
    private static DeliverySettings settings() {
        DeliverySettings.Builder b = DeliverySettings.builder();
        String inFlight = System.getProperty("fanout.inFlight");
        if (inFlight != null) {
            b.maxInFlight(Integer.parseInt(inFlight));
        }
        String perHost = System.getProperty("fanout.perHost");
        if (perHost != null) {
            b.perHostConcurrency(Integer.parseInt(perHost));
        }
        return b.build();
    }

    /**
     * What a round starts from, taken before the driver's clock starts: the earlier rounds' finished jobs purged (as
     * a site's housekeeping does; without it the in-memory store held every job of every round, and G1's concurrent
     * marking of that growing heap took 3 % of the CPU of later rounds), a full GC and the counters.
     */
    private record Prepared(Map<String, Long> cpuBefore, HeapWatch heap, long finishedBefore) {}

    private static Prepared prepare(HeraldStore store) {
        store.deliveries().purgeFinished(Instant.now());
        System.gc();
        Map<String, Long> cpuBefore = cpuByThreadGroup();
        HeapWatch heap = new HeapWatch();
        Map<JobState, Long> before = store.deliveries().counts();
        return new Prepared(cpuBefore, heap, before.get(JobState.DONE) + before.get(JobState.GIVEN_UP));
    }

    private static void fanOut(
            HeraldStore store,
            DeliveryEngine engine,
            URI activity,
            String payload,
            Optional<Path> h2Dir,
            Prepared prepared)
            throws InterruptedException {
        Map<String, Long> cpuBefore = prepared.cpuBefore();
        HeapWatch heap = prepared.heap();
        long finishedBefore = prepared.finishedBefore();
        long start = System.nanoTime();
        int queued = store.deliveries().enqueue(DeliveryBatch.toFollowers(activity, ACTOR, payload), Instant.now());
        engine.wakeUp();
        System.out.printf("queued jobs=%d enqueue_ms=%d%n", queued, (System.nanoTime() - start) / 1_000_000);
        System.out.flush();
        Map<JobState, Long> counts;
        do {
            // Not more often: counting reads every job not done yet, 100,000 at first (tens of ms on H2), on the
            // same two cores as the deliveries. The rate is timed by the sinks; this only tells when all are recorded.
            Thread.sleep(500);
            heap.sample();
            counts = store.deliveries().counts();
        } while (counts.get(JobState.DONE) + counts.get(JobState.GIVEN_UP) - finishedBefore < queued);
        heap.sample();
        StringBuilder cpu = new StringBuilder();
        cpuByThreadGroup().forEach((group, ms) -> cpu.append(group)
                .append("_ms=")
                .append(ms - cpuBefore.getOrDefault(group, 0L))
                .append(' '));
        System.out.printf("cpu %s%n", cpu.toString().trim());
        System.out.printf(
                "done ms=%d given_up=%d heap_peak_mib=%.1f heap_max_mib=%.0f gcs=%d%s%n",
                (System.nanoTime() - start) / 1_000_000,
                counts.get(JobState.GIVEN_UP),
                heap.peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0,
                heap.collections(),
                h2Dir.map(FanOutNode::h2File).orElse(""));
        System.out.flush();
    }

    /**
     * The H2 file as H2 reports it: its chunks (H2 keeps each one's metadata in the heap), its size, and how many
     * writes it took so far (about one per commit).
     */
    private static String h2File(Path dir) {
        Map<String, String> info = new java.util.HashMap<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("herald"));
                java.sql.ResultSet rs = c.createStatement()
                        .executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                                + " WHERE SETTING_NAME LIKE 'info.%'")) {
            while (rs.next()) {
                info.put(rs.getString(1), rs.getString(2));
            }
        } catch (java.sql.SQLException e) {
            return " h2=" + e.getSQLState();
        }
        return String.format(
                " h2_chunks=%s h2_file_mib=%d h2_writes=%s",
                info.get("info.CHUNK_COUNT"),
                Long.parseLong(info.getOrDefault("info.FILE_SIZE", "0")) >> 20,
                info.get("info.FILE_WRITE"));
    }

    /** CPU time so far per kind of thread (sign pool, I/O pool, store writers, claims, the rest), in ms. */
    private static Map<String, Long> cpuByThreadGroup() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            String name = info.getThreadName();
            String group = name.startsWith("herald-delivery-sign")
                    ? "sign"
                    : name.startsWith("HttpClient")
                            ? "http"
                            : name.startsWith("herald-delivery-store")
                                    ? "store"
                                    : name.startsWith("herald-delivery-dispatch")
                                            ? "claim"
                                            : name.startsWith("herald-delivery-io") ? "io" : "other";
            byGroup.merge(group, Math.max(0, cpu) / 1_000_000, Long::sum);
        }
        return byGroup;
    }

    /** The heap's peak use: the pools' own peaks (reset at the start) and samples of the used heap. */
    private static final class HeapWatch {
        long peak;

        HeapWatch() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    pool.resetPeakUsage();
                }
            }
        }

        void sample() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    used += pool.getUsage().getUsed();
                }
            }
            peak = Math.max(peak, used);
        }

        long collections() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(g -> Math.max(0, g.getCollectionCount()))
                    .sum();
        }
    }
}
