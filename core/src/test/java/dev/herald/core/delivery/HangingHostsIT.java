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
 * Jobs that wait for a busy host (its {@code perHostConcurrency} requests all out) must not take the slots of the
 * other hosts: with many jobs for hanging hosts claimed first, the healthy hosts are still delivered long before the
 * hanging requests time out.
 */
class HangingHostsIT {
    @Test
    void jobsWaitingForHangingHostsDoNotHoldTheSlotsOfTheOthers() throws Exception {
        KeyPair keys = KeyPairs.rsa2048();
        InMemoryStore store = new InMemoryStore();
        Sinks.storeKeys(store, ACTOR, keys);
        int hanging = 2;
        int healthy = 6;
        int perHangingHost = 20;
        int perHealthyHost = 5;
        try (Sinks sinks = Sinks.start(hanging + healthy, Sinks.onlyKey(KEY_ID, keys.getPublic(), ACTOR_ID))) {
            for (int h = 0; h < hanging; h++) {
                sinks.behave(h, n -> Sinks.Answer.hang());
            }
            // The hanging hosts' followers come first, so their jobs are claimed first.
            for (int h = 0; h < hanging + healthy; h++) {
                for (int u = 0; u < (h < hanging ? perHangingHost : perHealthyHost); u++) {
                    sinks.follow(store, ACTOR, h, "u" + u, false);
                }
            }
            URI activity = URI.create("https://www.example.org/ap/objects/hanging#create");
            Sinks.publish(store, ACTOR, activity);
            // 8 slots, 2 requests per host: the two hanging hosts' active requests hold 4 of them; the jobs
            // queued behind those must leave the other 4 to the healthy hosts.
            try (DeliveryEngine engine = DeliveryEngine.builder(store, username -> KEY_ID)
                    .settings(DeliverySettings.builder()
                            .maxInFlight(8)
                            .perHostConcurrency(2)
                            .requestTimeout(Duration.ofSeconds(60))
                            .lease(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofMillis(50))
                            .shutdownGrace(Duration.ZERO)
                            .build())
                    .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                    .build()
                    .start()) {
                await(
                        () -> store.deliveries().counts().get(JobState.DONE) == (long) healthy * perHealthyHost,
                        Duration.ofSeconds(30),
                        "the healthy hosts delivered while the hanging ones hold their requests (timeout 60 s)");
                assertThat(engine.status().inFlight()).isLessThanOrEqualTo(hanging * (2 + 64));
                for (int h = 0; h < hanging; h++) {
                    assertThat(sinks.receivedBy(h)).hasSize(2);
                }
            }
        }
    }
}
