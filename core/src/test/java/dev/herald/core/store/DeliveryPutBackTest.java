package dev.herald.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.core.store.memory.InMemoryStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DeliveryStore#putBack}: a job put back unsent has not used an attempt, in every store. */
class DeliveryPutBackTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void inMemory() {
        try (InMemoryStore store = new InMemoryStore()) {
            putBackTakesTheAttemptBack(store);
        }
    }

    @Test
    void inH2() {
        try (JdbcStore store = JdbcStore.embeddedH2(dir)) {
            putBackTakesTheAttemptBack(store);
        }
    }

    private static void putBackTakesTheAttemptBack(HeraldStore store) {
        DeliveryStore deliveries = store.deliveries();
        URI activity = URI.create("https://www.example.org/ap/objects/1#create");
        deliveries.enqueue(
                DeliveryBatch.toInboxes(activity, "news", "{}", List.of(URI.create("https://peer.example/inbox"))), T0);

        ClaimedDelivery first = deliveries.claim("w", 1, LEASE, T0).get(0);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(deliveries.putBack(first, "circuit open", T0.plusSeconds(60)))
                .isTrue();
        assertThat(deliveries.counts().get(JobState.PENDING)).isEqualTo(1);
        assertThat(deliveries.claim("w", 1, LEASE, T0.plusSeconds(59))).isEmpty();

        ClaimedDelivery second =
                deliveries.claim("w", 1, LEASE, T0.plusSeconds(60)).get(0);
        assertThat(second.attempt()).as("the put-back was no attempt").isEqualTo(1);
        assertThat(deliveries.retryLater(second, "HTTP 503", T0.plusSeconds(120)))
                .isTrue();

        ClaimedDelivery third =
                deliveries.claim("w", 1, LEASE, T0.plusSeconds(120)).get(0);
        assertThat(third.attempt()).isEqualTo(2);
        assertThat(deliveries.putBack(third, "host full", T0.plusSeconds(150))).isTrue();
        assertThat(deliveries.counts().get(JobState.RETRY))
                .as("attempted once: retrying")
                .isEqualTo(1);
        assertThat(deliveries.putBack(third, "again", T0.plusSeconds(160)))
                .as("no longer held")
                .isFalse();

        ClaimedDelivery fourth =
                deliveries.claim("w", 1, LEASE, T0.plusSeconds(150)).get(0);
        assertThat(fourth.attempt()).isEqualTo(2);
        assertThat(deliveries.delivered(fourth, T0.plusSeconds(151))).isTrue();
        assertThat(deliveries.counts().get(JobState.DONE)).isEqualTo(1);
    }
}
