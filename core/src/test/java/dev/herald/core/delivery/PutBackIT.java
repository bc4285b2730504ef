package dev.herald.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.JobState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job put back unsent (its host's circuit open) has not been attempted: a failing host's jobs each get every
 * attempt of the retry schedule as a real request, however often the circuit held them back in between.
 */
class PutBackIT {
    @Test
    void jobsHeldBackByAnOpenCircuitKeepTheirAttempts() throws Exception {
        int inboxes = 2;
        int attempts = 3;
        try (SinkSite site = new SinkSite(1)) {
            site.sinks.behave(0, n -> Sinks.Answer.status(500));
            site.follow(0, inboxes);
            site.publish("put-back");
            // The circuit opens at the first failure; while it is open every due job is claimed and put back.
            try (DeliveryEngine engine = site.start(
                    site.store,
                    DeliverySettings.builder()
                            .requestTimeout(Duration.ofSeconds(2))
                            .lease(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(20))
                            .retry(new RetryPolicy(attempts, 0, Duration.ofMillis(50), 0, Duration.ofSeconds(1)))
                            .circuitFailures(1)
                            .circuitOpen(Duration.ofMillis(200)))) {
                site.awaitJobs(JobState.GIVEN_UP, inboxes, Duration.ofSeconds(60), "both jobs given up");
                assertThat(engine.status().lastErrors())
                        .filteredOn(DeliveryStatus.Failure::givenUp)
                        .allSatisfy(f -> assertThat(f.attempt()).isEqualTo(attempts));
            }
            for (int u = 0; u < inboxes; u++) {
                String path = site.sinks.inbox(0, "u" + u).getRawPath();
                assertThat(site.sinks.receivedBy(0))
                        .as("requests to %s", path)
                        .filteredOn(r -> r.path().equals(path))
                        .hasSize(attempts);
            }
        }
    }
}
