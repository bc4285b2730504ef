package dev.herald.benchmarks;

import dev.herald.benchmarks.FaultySinks.Host;
import dev.herald.benchmarks.FaultySinks.Mode;
import dev.herald.core.delivery.DeliveryEngine;
import dev.herald.core.delivery.DeliverySettings;
import dev.herald.core.delivery.DeliveryStatus;
import dev.herald.core.delivery.RetryPolicy;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HostHealth;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 9's faulty peers: the same fan-out (one activity to {@code inboxes} distinct inboxes on {@code hosts} loopback
 * hosts, followers interleaved across hosts as a real follower list is) run twice through the delivery engine on an
 * H2 file store: once with every host healthy, once with 20 % of the hosts faulty — answering 500, hanging, resetting
 * the connection, trickling the answer a byte at a time, and one answering 410. It prints the healthy hosts'
 * deliveries per second in both runs and their ratio (the target is at least 90 %), then watches the faulty run for a
 * while and prints, per faulty host, what the sinks saw and what the store and the engine say: attempts, next
 * attempt, circuit, host health, retry intervals against the schedule, and the followers behind the 410 host.
 *
 * <p>Not a test: {@code benchmarks/run-faulty-peers.sh [inboxes=5000] [hosts=50] [watch seconds=60]}. The engine
 * runs with Herald's default concurrency limits; the schedule is shortened through settings so that retries and the
 * circuit show within the run (printed at the start).
 */
public final class FaultyPeersBenchmark {
    private static final String ACTOR = "news";
    private static final URI ACTIVITY = URI.create("https://www.example.org/ap/objects/faulty#create");

    private FaultyPeersBenchmark() {}

    /** {@code [inboxes=5000] [hosts=50] [watchSeconds=60]}. */
    public static void main(String[] args) throws Exception {
        int inboxes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int hostCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int watch = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        DeliverySettings settings = DeliverySettings.builder()
                .requestTimeout(Duration.ofSeconds(10))
                .retry(new RetryPolicy(8, 2, Duration.ofSeconds(2), 0.5, Duration.ofMinutes(1)))
                .circuitOpen(Duration.ofSeconds(15))
                .build();
        List<Mode> faulty = faultyModes(hostCount);
        System.out.printf(
                "faulty peers: %d inboxes on %d hosts (%d faulty: %s), %d cores, load average %s%n",
                inboxes,
                hostCount,
                faulty.stream().filter(m -> m != Mode.HEALTHY).count(),
                count(faulty),
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        System.out.printf(
                "  engine: maxInFlight %d, perHost %d, maxQueuedPerHost %d, claimBatch %d (defaults); requestTimeout %s,"
                        + " retry %s, circuit after %d failures for %s (shortened)%n",
                settings.maxInFlight(),
                settings.perHostConcurrency(),
                settings.maxQueuedPerHost(),
                settings.claimBatch(),
                settings.requestTimeout().toSeconds() + " s",
                settings.retry(),
                settings.circuitFailures(),
                settings.circuitOpen().toSeconds() + " s");
        KeyPair keys = KeyPairs.rsa2048();

        List<Mode> clean = faulty.stream().map(m -> Mode.HEALTHY).toList();
        Run first = run("clean", clean, faulty, inboxes, settings, keys, 0);
        Run second = run("faulty", faulty, faulty, inboxes, settings, keys, watch);
        System.out.printf(
                "  healthy hosts' rate, faulty / clean: %.0f / %.0f deliveries/s = %.1f %% (target >= 90 %%)%n",
                second.healthyRate, first.healthyRate, 100 * second.healthyRate / first.healthyRate);
    }

    /**
     * 20 % of the hosts faulty, the last ones: 500, hang, reset, trickle in turn, then one flaky host (a 500 on every
     * third request: its circuit stays closed, so its retries show the schedule alone), and the very last 410.
     */
    static List<Mode> faultyModes(int hosts) {
        int bad = Math.max(6, hosts / 5);
        Mode[] cycle = {Mode.ERROR_500, Mode.HANG, Mode.RESET, Mode.TRICKLE};
        List<Mode> modes = new ArrayList<>();
        for (int i = 0; i < hosts - bad; i++) {
            modes.add(Mode.HEALTHY);
        }
        for (int i = 0; i < bad - 2; i++) {
            modes.add(cycle[i % cycle.length]);
        }
        modes.add(Mode.FLAKY);
        modes.add(Mode.GONE_410);
        return modes;
    }

    private record Run(double healthyRate) {}

    private static Run run(
            String label,
            List<Mode> modes,
            List<Mode> layout,
            int inboxes,
            DeliverySettings settings,
            KeyPair keys,
            int watchSeconds)
            throws Exception {
        Path dir = Files.createTempDirectory("herald-faulty");
        String url = "jdbc:h2:file:" + dir.resolve("herald") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        try (FaultySinks sinks = FaultySinks.start(modes);
                JdbcStore store = JdbcStore.builder().jdbcUrl(url).build();
                Connection sql = DriverManager.getConnection(url)) {
            store.keyPairs()
                    .findOrCreate(
                            ACTOR,
                            () -> new StoredKeyPair(
                                    ACTOR, Pem.write(keys.getPrivate()), Pem.write(keys.getPublic()), Instant.now()));
            List<Host> hosts = sinks.hosts();
            seed(store, hosts, inboxes);
            int healthyExpected = 0;
            for (int i = 0; i < inboxes; i++) {
                if (layout.get(i % hosts.size()) == Mode.HEALTHY) {
                    healthyExpected++;
                }
            }
            List<Host> healthy = new ArrayList<>();
            for (int h = 0; h < hosts.size(); h++) {
                if (layout.get(h) == Mode.HEALTHY) {
                    healthy.add(hosts.get(h));
                }
            }
            Host gone = hosts.get(hosts.size() - 1);
            long goneFollowersBefore = followersOn(store, gone);

            DeliveryEngine engine = DeliveryEngine.builder(
                            store, u -> URI.create("https://www.example.org/ap/actors/" + u + "#main-key"))
                    .settings(settings)
                    .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                    .build()
                    .start();
            try {
                long t0 = System.nanoTime();
                int queued = store.deliveries()
                        .enqueue(DeliveryBatch.toFollowers(ACTIVITY, ACTOR, payload()), Instant.now());
                engine.wakeUp();
                long deadline = t0 + Duration.ofMinutes(3).toNanos();
                int reached = 0;
                while ((reached = reached(healthy)) < healthyExpected && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double rate = reached / seconds;
                System.out.printf(
                        "  %-6s run: %d jobs queued; healthy hosts' %d inboxes reached in %.2f s: %.0f deliveries/s%s%n",
                        label,
                        queued,
                        reached,
                        seconds,
                        rate,
                        reached < healthyExpected ? " (NOT ALL: gave up waiting after 3 min)" : "");
                if (watchSeconds > 0) {
                    watch(engine, store, sql, hosts, gone, goneFollowersBefore, settings, t0, watchSeconds);
                }
                return new Run(rate);
            } finally {
                engine.close();
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void watch(
            DeliveryEngine engine,
            JdbcStore store,
            Connection sql,
            List<Host> hosts,
            Host gone,
            long goneFollowersBefore,
            DeliverySettings settings,
            long t0,
            int watchSeconds)
            throws Exception {
        long end = t0 + Duration.ofSeconds(watchSeconds).toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(500);
        }
        Instant now = Instant.now();
        DeliveryStatus status = engine.status();
        System.out.printf(
                "  after %d s: store %s; this engine holds %d%n", watchSeconds, status.counts(), status.inFlight());
        System.out.printf(
                "  %-10s %-8s %8s %8s %6s %7s %6s %6s %6s %9s %8s %9s %s%n",
                "host",
                "mode",
                "requests",
                "inboxes",
                "done",
                "pending",
                "retry",
                "gaveup",
                "maxAtt",
                "nextDue",
                "failures",
                "circuit",
                "retry intervals vs schedule");
        RetryPolicy retry = settings.retry();
        for (Host host : hosts) {
            if (host.mode == Mode.HEALTHY) {
                continue;
            }
            Map<JobState, Long> states = new EnumMap<>(JobState.class);
            int maxAttempts = 0;
            Instant nextDue = null;
            try (PreparedStatement ps = sql.prepareStatement("SELECT state, COUNT(*), MAX(attempts), MIN(due_at) FROM "
                    + JdbcStore.DEFAULT_PREFIX + "delivery_jobs WHERE host = ? GROUP BY state")) {
                ps.setString(1, host.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        JobState state = JobState.valueOf(rs.getString(1));
                        states.put(state, rs.getLong(2));
                        maxAttempts = Math.max(maxAttempts, rs.getInt(3));
                        java.time.OffsetDateTime due = rs.getObject(4, java.time.OffsetDateTime.class);
                        if (due != null && state == JobState.RETRY) {
                            Instant d = due.toInstant();
                            nextDue = nextDue == null || d.isBefore(nextDue) ? d : nextDue;
                        }
                    }
                }
            }
            Optional<HostHealth> health = store.hostHealth().find(host.name());
            Instant open = status.openCircuits().get(host.name());
            System.out.printf(
                    "  %-10s %-8s %8d %8d %6d %7d %6d %6d %6d %9s %8s %9s %s%n",
                    host.name(),
                    host.mode.label(),
                    host.requests.get(),
                    host.arrivals.size(),
                    states.getOrDefault(JobState.DONE, 0L),
                    states.getOrDefault(JobState.PENDING, 0L),
                    states.getOrDefault(JobState.RETRY, 0L),
                    states.getOrDefault(JobState.GIVEN_UP, 0L),
                    maxAttempts,
                    nextDue == null
                            ? "-"
                            : String.format(
                                    "%+d s", Duration.between(now, nextDue).toSeconds()),
                    health.map(h -> String.valueOf(h.consecutiveFailures())).orElse("-"),
                    open == null
                            ? "closed"
                            : String.format(
                                    "open %+d s", Duration.between(now, open).toSeconds()),
                    intervals(host, retry, settings.requestTimeout()));
        }
        long goneAfter = followersOn(store, gone);
        System.out.printf(
                "  410 host %s: followers behind it %d before, %d after%n",
                gone.name(), goneFollowersBefore, goneAfter);
        System.out.printf("  latest failures (this engine):%n");
        status.lastErrors().stream()
                .limit(6)
                .forEach(f -> System.out.printf(
                        "    %s attempt %d%s: %s%n",
                        f.inbox().getHost(), f.attempt(), f.givenUp() ? " (given up)" : "", f.error()));
    }

    /**
     * The gaps between successive requests to the same inbox, against the schedule: a retry after failed request n
     * may come no sooner than the policy's base delay for attempt n (the store counts claims as attempts, so its
     * attempt is at least n) after the failure was known. Prints how many gaps there were, the shortest slack over
     * the schedule, and how many came within the schedule's window (base to base + jitter + 2 s).
     */
    private static String intervals(Host host, RetryPolicy retry, Duration timeout) {
        int gaps = 0;
        int inWindow = 0;
        double minSlack = Double.MAX_VALUE;
        boolean slow = host.mode == Mode.HANG || host.mode == Mode.TRICKLE;
        for (List<Long> times : host.arrivals.values()) {
            for (int i = 1; i < times.size(); i++) {
                double gap = (times.get(i) - times.get(i - 1)) / 1e9;
                // A hang or a trickle is known to have failed only at the timeout.
                double failedAfter = slow ? timeout.toMillis() / 1000.0 : 0;
                double base = retry.baseDelay(i).toMillis() / 1000.0;
                double slack = gap - failedAfter - base;
                minSlack = Math.min(minSlack, slack);
                gaps++;
                if (slack <= base * retry.jitter() + 2) {
                    inWindow++;
                }
            }
        }
        if (gaps == 0) {
            return "no retry yet";
        }
        return String.format("%d retries, min slack %+.1f s, %d within the window", gaps, minSlack, inWindow);
    }

    private static int reached(List<Host> healthy) {
        int n = 0;
        for (Host h : healthy) {
            n += h.arrivals.size();
        }
        return n;
    }

    private static long followersOn(JdbcStore store, Host host) {
        AtomicInteger n = new AtomicInteger();
        store.followers().forEachDeliveryInbox(ACTOR, inbox -> {
            if (host.name().equals(inbox.getHost())) {
                n.incrementAndGet();
            }
        });
        return n.get();
    }

    private static void seed(JdbcStore store, List<Host> hosts, int inboxes) throws Exception {
        Instant now = Instant.now();
        List<Follower> followers = new ArrayList<>();
        for (int i = 0; i < inboxes; i++) {
            URI base = hosts.get(i % hosts.size()).base;
            URI id = URI.create(base + "/users/u" + i);
            followers.add(new Follower(
                    ACTOR,
                    id,
                    URI.create(id + "/inbox"),
                    Optional.empty(),
                    Optional.empty(),
                    Follower.State.ACCEPTED,
                    now));
        }
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            int slice = (followers.size() + 3) / 4;
            for (int i = 0; i < followers.size(); i += slice) {
                List<Follower> part = followers.subList(i, Math.min(followers.size(), i + slice));
                done.add(writers.submit(() -> part.forEach(store.followers()::put)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    private static String payload() {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + ACTIVITY
                + "\",\"type\":\"Create\",\"actor\":\"https://www.example.org/ap/actors/news\","
                + "\"object\":{\"type\":\"Note\",\"content\":\"<p>" + "x".repeat(800) + "</p>\"}}";
    }

    private static Map<String, Long> count(List<Mode> modes) {
        Map<String, Long> out = new TreeMap<>();
        modes.stream().filter(m -> m != Mode.HEALTHY).forEach(m -> out.merge(m.label(), 1L, Long::sum));
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
