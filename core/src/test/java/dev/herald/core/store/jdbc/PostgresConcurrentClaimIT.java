package dev.herald.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.JobState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two stores, as two nodes would have, on one PostgreSQL, each with its own connections, claim the same
 * queue concurrently: every job is claimed exactly once, and a dead claimer's jobs are claimed again once
 * its lease expires.
 */
class PostgresConcurrentClaimIT {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final int JOBS = 10_000;
    private static final int WORKERS_PER_NODE = 2;
    private static final AtomicInteger TESTS = new AtomicInteger();

    private PooledDataSource poolA;
    private PooledDataSource poolB;
    private JdbcStore nodeA;
    private JdbcStore nodeB;

    @BeforeEach
    void open() {
        poolA = new PooledDataSource(EmbeddedPostgresServer.unpooled(), 4);
        poolB = new PooledDataSource(EmbeddedPostgresServer.unpooled(), 4);
        String prefix = "claims" + TESTS.incrementAndGet() + "_";
        // Both nodes start at once: the migration lock lets one migrate and the other find it done.
        List<Runnable> starts = List.of(
                () -> nodeA = JdbcStore.builder()
                        .dataSource(poolA)
                        .tablePrefix(prefix)
                        .build(),
                () -> nodeB = JdbcStore.builder()
                        .dataSource(poolB)
                        .tablePrefix(prefix)
                        .build());
        starts.parallelStream().forEach(Runnable::run);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        poolA.closeAll();
        poolB.closeAll();
    }

    @Test
    void tenThousandJobsClaimedConcurrentlyByTwoNodesAreEachClaimedExactlyOnce() throws Exception {
        enqueue(nodeA, "first", JOBS);

        long started = System.nanoTime();
        Map<Long, AtomicInteger> claims = drain(T0, Duration.ofMinutes(5));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(claims).hasSize(JOBS);
        assertThat(claims.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(nodeB.deliveries().counts()).containsEntry(JobState.DONE, (long) JOBS);
        System.out.printf(
                "claimed %,d jobs on 2 nodes x %d workers: each exactly once, in %,d ms (%,.0f jobs/s)%n",
                JOBS, WORKERS_PER_NODE, millis, JOBS * 1000.0 / millis);
    }

    @Test
    void jobsOfAClaimerThatDiedAreClaimedAgainAfterTheLeaseExpires() throws Exception {
        enqueue(nodeA, "second", 1_000);
        // A worker on node A claims 300 jobs and dies without reporting.
        List<ClaimedDelivery> orphaned = nodeA.deliveries().claim("node-a-dead", 300, Duration.ofSeconds(30), T0);
        assertThat(orphaned).hasSize(300);

        Map<Long, AtomicInteger> beforeExpiry = drain(T0.plusSeconds(29), Duration.ofMinutes(5));
        assertThat(beforeExpiry).hasSize(700);

        Map<Long, AtomicInteger> afterExpiry = drain(T0.plusSeconds(30), Duration.ofMinutes(5));
        assertThat(afterExpiry.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        orphaned.stream().map(ClaimedDelivery::id).toList());
        assertThat(afterExpiry.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        assertThat(nodeA.deliveries().delivered(orphaned.get(0), T0.plusSeconds(31)))
                .isFalse();
        assertThat(nodeA.deliveries().counts()).containsEntry(JobState.DONE, 1_000L);
    }

    private static void enqueue(JdbcStore store, String name, int count) {
        for (int batch = 0; batch < count / 1000; batch++) {
            List<URI> inboxes = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                inboxes.add(URI.create("https://h" + (i % 97) + ".example/users/" + batch + "-" + i + "/inbox"));
            }
            URI activity = URI.create("https://site.example/" + name + "/" + batch);
            assertThat(store.deliveries()
                            .enqueue(DeliveryBatch.toInboxes(activity, "news", "{\"n\":" + batch + "}", inboxes), T0))
                    .isEqualTo(1000);
        }
    }

    /** Workers on both nodes claim and deliver until nothing is due at {@code now}; counts claims per job. */
    private Map<Long, AtomicInteger> drain(Instant now, Duration lease) throws Exception {
        Map<Long, AtomicInteger> claims = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * WORKERS_PER_NODE);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS_PER_NODE; w++) {
                for (JdbcStore node : List.of(nodeA, nodeB)) {
                    String id = (node == nodeA ? "a-" : "b-") + w;
                    workers.add(pool.submit(() -> {
                        List<ClaimedDelivery> jobs;
                        while (!(jobs = node.deliveries().claim(id, 50, lease, now)).isEmpty()) {
                            for (ClaimedDelivery job : jobs) {
                                claims.computeIfAbsent(job.id(), k -> new AtomicInteger())
                                        .incrementAndGet();
                                assertThat(node.deliveries().delivered(job, now))
                                        .isTrue();
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> worker : workers) {
                worker.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return claims;
    }
}
