package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A claim that brings more jobs for a host than it takes at once ({@code perHostConcurrency} running, {@code
 * maxQueuedPerHost} waiting) puts the surplus back unsent in one store call, not one per job.
 */
class HostFullIT {
    @Test
    void theSurplusOfAClaimForAFullHostIsPutBackInOneCall() throws Exception {
        int inboxes = 10;
        try (SinkSite site = new SinkSite(1)) {
            site.sinks.behave(0, n -> Sinks.Answer.hang());
            site.follow(0, inboxes);
            site.publish("full");
            RecordingStore store = new RecordingStore(site.store, Duration.ZERO);
            try (DeliveryEngine engine = site.start(
                    store,
                    DeliverySettings.builder()
                            .perHostConcurrency(1)
                            .maxQueuedPerHost(1)
                            .claimBatch(inboxes)
                            .requestTimeout(Duration.ofSeconds(20))
                            .lease(Duration.ofMinutes(1)))) {
                site.awaitJobs(JobState.PENDING, inboxes - 2, Duration.ofSeconds(30), "the surplus put back");
                assertThat(site.store.deliveries().counts())
                        .as("one request hangs, one job waits for it")
                        .containsEntry(JobState.CLAIMED, 2L);
                assertThat(store.putBacks).containsExactly(inboxes - 2);
            }
        }
    }
}
