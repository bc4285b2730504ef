package dev.herald.core.delivery;

import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR;
import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.KEY_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.JobState;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job put back unsent (its host's circuit open) has not been attempted: a failing host's jobs each get every
 * attempt of the retry schedule as a real request, however often the circuit held them back in between.
 */
class PutBackIT {
    @Test
    void jobsHeldBackByAnOpenCircuitKeepTheirAttempts() throws Exception {
        KeyPair keys = KeyPairs.rsa2048();
        InMemoryStore store = new InMemoryStore();
        Sinks.storeKeys(store, ACTOR, keys);
        int inboxes = 2;
        int attempts = 3;
        try (Sinks sinks = Sinks.start(1, Sinks.onlyKey(KEY_ID, keys.getPublic(), ACTOR_ID))) {
            sinks.behave(0, n -> Sinks.Answer.status(500));
            for (int u = 0; u < inboxes; u++) {
                sinks.follow(store, ACTOR, 0, "u" + u, false);
            }
            URI activity = URI.create("https://www.example.org/ap/objects/put-back#create");
            Sinks.publish(store, ACTOR, activity);
            // The circuit opens at the first failure; while it is open every due job is claimed and put back.
            try (DeliveryEngine engine = DeliveryEngine.builder(store, username -> KEY_ID)
                    .settings(DeliverySettings.builder()
                            .requestTimeout(Duration.ofSeconds(2))
                            .lease(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(20))
                            .retry(new RetryPolicy(attempts, 0, Duration.ofMillis(50), 0, Duration.ofSeconds(1)))
                            .circuitFailures(1)
                            .circuitOpen(Duration.ofMillis(200))
                            .shutdownGrace(Duration.ZERO)
                            .build())
                    .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                    .build()
                    .start()) {
                await(
                        () -> store.deliveries().counts().get(JobState.GIVEN_UP) == inboxes,
                        Duration.ofSeconds(60),
                        "both jobs given up");
                assertThat(engine.status().lastErrors())
                        .filteredOn(DeliveryStatus.Failure::givenUp)
                        .allSatisfy(f -> assertThat(f.attempt()).isEqualTo(attempts));
            }
            for (int u = 0; u < inboxes; u++) {
                String path = sinks.inbox(0, "u" + u).getRawPath();
                assertThat(sinks.receivedBy(0))
                        .as("requests to %s", path)
                        .filteredOn(r -> r.path().equals(path))
                        .hasSize(attempts);
            }
        }
    }
}
