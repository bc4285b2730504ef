package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Jobs that wait for a busy host (its {@code perHostConcurrency} requests all out) must not take the slots of the
 * other hosts: with many jobs for hanging hosts claimed first, the healthy hosts are still delivered long before the
 * hanging requests time out.
 */
class HangingHostsIT {
    @Test
    void jobsWaitingForHangingHostsDoNotHoldTheSlotsOfTheOthers() throws Exception {
        int hanging = 2;
        int healthy = 6;
        int perHangingHost = 20;
        int perHealthyHost = 5;
        try (SinkSite site = new SinkSite(hanging + healthy)) {
            for (int h = 0; h < hanging; h++) {
                site.sinks.behave(h, n -> Sinks.Answer.hang());
            }
            // The hanging hosts' followers come first, so their jobs are claimed first.
            for (int h = 0; h < hanging + healthy; h++) {
                site.follow(h, h < hanging ? perHangingHost : perHealthyHost);
            }
            site.publish("hanging");
            // 8 slots, 2 requests per host: the two hanging hosts' active requests hold 4 of them; the jobs
            // queued behind those must leave the other 4 to the healthy hosts.
            try (DeliveryEngine engine = site.start(
                    site.store,
                    DeliverySettings.builder()
                            .maxInFlight(8)
                            .perHostConcurrency(2)
                            .requestTimeout(Duration.ofSeconds(60))
                            .lease(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofMillis(50)))) {
                site.awaitJobs(
                        JobState.DONE,
                        (long) healthy * perHealthyHost,
                        Duration.ofSeconds(30),
                        "the healthy hosts delivered while the hanging ones hold their requests (timeout 60 s)");
                assertThat(engine.status().inFlight()).isLessThanOrEqualTo(hanging * (2 + 64));
                for (int h = 0; h < hanging; h++) {
                    assertThat(site.sinks.receivedBy(h)).hasSize(2);
                }
            }
        }
    }
}
