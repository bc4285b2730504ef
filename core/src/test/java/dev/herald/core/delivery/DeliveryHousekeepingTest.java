package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.FailingPurges;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.core.store.memory.InMemoryStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeliveryEngine#housekeeping()} on the in-memory and the embedded H2 store. */
class DeliveryHousekeepingTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void finishedJobsOlderThanKeepFinishedGoAndEverythingElseStaysInMemory() {
        check(new InMemoryStore());
    }

    @Test
    void finishedJobsOlderThanKeepFinishedGoAndEverythingElseStaysOnH2() {
        try (JdbcStore store = JdbcStore.embeddedH2(dir)) {
            check(store);
        }
    }

    @Test
    void keepFinishedDecidesWhatIsOldEnough() {
        HeraldStore store = new InMemoryStore();
        finishSome(store);
        DeliverySettings anHour =
                DeliverySettings.builder().keepFinished(Duration.ofHours(1)).build();
        Instant day6 = T0.plus(Duration.ofDays(6));

        // Kept an hour: 30 minutes after day 6's delivery only day 0's two are old enough; 2 hours after, it is too.
        try (DeliveryEngine engine = engine(store, anHour, day6.plus(Duration.ofMinutes(30)))) {
            assertThat(engine.housekeeping()).isEqualTo(2);
        }
        try (DeliveryEngine engine = engine(store, anHour, day6.plus(Duration.ofHours(2)))) {
            assertThat(engine.housekeeping()).isEqualTo(1);
        }
        Map<JobState, Long> counts = store.deliveries().counts();
        assertThat(counts.get(JobState.DONE) + counts.get(JobState.GIVEN_UP)).isZero();
        assertThat(counts.get(JobState.RETRY) + counts.get(JobState.PENDING)).isEqualTo(2);
    }

    @Test
    void theHourlyHousekeepingOutlivesItsFailuresButAVirtualMachineError() {
        FailingPurges failing = new FailingPurges(new InMemoryStore());
        finishSome(failing.store);
        try (DeliveryEngine engine = engine(failing.store, DeliverySettings.defaults(), T0.plus(Duration.ofDays(8)))) {
            failing.failures.add(new StoreException("the database is down"));
            failing.failures.add(new NoClassDefFoundError("org/postgresql/Driver"));
            engine.scheduledHousekeeping();
            engine.scheduledHousekeeping();

            failing.failures.add(new OutOfMemoryError("Java heap space"));
            assertThatThrownBy(engine::scheduledHousekeeping).isInstanceOf(OutOfMemoryError.class);

            engine.scheduledHousekeeping();
            assertThat(failing.purges).hasValue(4);
            assertThat(failing.store.deliveries().counts()).containsEntry(JobState.GIVEN_UP, 0L);
        }
    }

    private static void check(HeraldStore store) {
        finishSome(store);
        DeliveryEngine engine = engine(store, DeliverySettings.defaults(), T0.plus(Duration.ofDays(8)));
        try {
            // Kept 7 days (the default): day 0's two go, day 6's stays, the unfinished ones stay.
            assertThat(engine.housekeeping()).isEqualTo(2);
            Map<JobState, Long> counts = store.deliveries().counts();
            assertThat(counts.get(JobState.DONE)).isEqualTo(1);
            assertThat(counts.get(JobState.GIVEN_UP)).isZero();
            assertThat(counts.get(JobState.RETRY) + counts.get(JobState.PENDING))
                    .isEqualTo(2);
            assertThat(engine.housekeeping()).isZero();
            // The unfinished jobs are still claimable, with their payload.
            assertThat(store.deliveries().claim("w", 10, LEASE, T0.plus(Duration.ofDays(31))))
                    .hasSize(2)
                    .allSatisfy(j -> assertThat(j.payload()).contains("\"type\":\"Create\""));
        } finally {
            engine.close();
        }
    }

    /** Day 0: one delivered and one given up. Day 6: one delivered. Still waiting: one pending, one to retry. */
    private static void finishSome(HeraldStore store) {
        enqueue(store, 1, "a", "b", "c", "d", "e");
        List<ClaimedDelivery> claimed = store.deliveries().claim("w", 5, LEASE, T0);
        assertThat(claimed).hasSize(5);
        store.deliveries().delivered(List.of(claimed.get(0)), T0);
        store.deliveries().giveUp(claimed.get(1), "HTTP 404", T0);
        store.deliveries().delivered(List.of(claimed.get(2)), T0.plus(Duration.ofDays(6)));
        store.deliveries().retryLater(claimed.get(3), "HTTP 503", T0.plus(Duration.ofDays(30)));
        store.deliveries().putBack(claimed.get(4), "released", T0.plus(Duration.ofDays(30)));
    }

    private static DeliveryEngine engine(HeraldStore store, DeliverySettings settings, Instant now) {
        return DeliveryEngine.builder(store, username -> URI.create("https://site.example/a#k"))
                .settings(settings)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
    }

    private static void enqueue(HeraldStore store, int activity, String... users) {
        URI id = URI.create("https://site.example/activities/" + activity);
        List<URI> inboxes = java.util.Arrays.stream(users)
                .map(u -> URI.create("https://remote.example/users/" + u + "/inbox"))
                .toList();
        store.deliveries()
                .enqueue(
                        DeliveryBatch.toInboxes(id, "news", "{\"id\":\"" + id + "\",\"type\":\"Create\"}", inboxes),
                        T0);
    }
}
