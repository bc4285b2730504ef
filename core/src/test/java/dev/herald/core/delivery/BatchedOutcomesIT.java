package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Successful deliveries are recorded by one thread at a time: while it commits, the successes of the others gather
 * into its next batch, so a fan-out commits once per batch, not once per inbox.
 */
class BatchedOutcomesIT {
    @Test
    void successesAreRecordedOneCallAtATimeInBatches() throws Exception {
        int hosts = 4;
        int perHost = 25;
        try (SinkSite site = new SinkSite(hosts)) {
            for (int h = 0; h < hosts; h++) {
                site.follow(h, perHost);
            }
            site.publish("batched");
            // Each call marking jobs delivered takes 50 ms, as a commit on a slow disk might.
            RecordingStore store = new RecordingStore(site.store, Duration.ofMillis(50));
            try (DeliveryEngine engine =
                    site.start(store, DeliverySettings.builder().storeThreads(4))) {
                site.awaitJobs(JobState.DONE, hosts * perHost, Duration.ofSeconds(60), "every job done");
            }
            // The engine is closed: every call it made has returned.
            assertThat(store.deliveredAtOnce)
                    .as("calls marking jobs delivered at once")
                    .hasValue(1);
            assertThat(store.deliveredCalls.stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(hosts * perHost);
            assertThat(store.deliveredCalls)
                    .as("calls for %d deliveries", hosts * perHost)
                    .hasSizeLessThan(hosts * perHost / 4);
        }
    }
}
