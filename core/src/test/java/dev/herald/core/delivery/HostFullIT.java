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
 * A claim that brings more jobs for a host than it takes at once ({@code perHostConcurrency} running, {@code
 * maxQueuedPerHost} waiting) puts the surplus back unsent in one store call, not one per job.
 */
class HostFullIT {
    @Test
    void theSurplusOfAClaimForAFullHostIsPutBackInOneCall() throws Exception {
        KeyPair keys = KeyPairs.rsa2048();
        InMemoryStore memory = new InMemoryStore();
        Sinks.storeKeys(memory, ACTOR, keys);
        RecordingStore store = new RecordingStore(memory, Duration.ZERO);
        int inboxes = 10;
        try (Sinks sinks = Sinks.start(1, Sinks.onlyKey(KEY_ID, keys.getPublic(), ACTOR_ID))) {
            sinks.behave(0, n -> Sinks.Answer.hang());
            for (int u = 0; u < inboxes; u++) {
                sinks.follow(memory, ACTOR, 0, "u" + u, false);
            }
            Sinks.publish(memory, ACTOR, URI.create("https://www.example.org/ap/objects/full#create"));
            try (DeliveryEngine engine = DeliveryEngine.builder(store, username -> KEY_ID)
                    .settings(DeliverySettings.builder()
                            .perHostConcurrency(1)
                            .maxQueuedPerHost(1)
                            .claimBatch(inboxes)
                            .requestTimeout(Duration.ofSeconds(20))
                            .lease(Duration.ofMinutes(1))
                            .shutdownGrace(Duration.ZERO)
                            .build())
                    .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                    .build()
                    .start()) {
                await(
                        () -> memory.deliveries().counts().get(JobState.PENDING) == inboxes - 2,
                        Duration.ofSeconds(30),
                        "the surplus put back");
                assertThat(memory.deliveries().counts())
                        .as("one request hangs, one job waits for it")
                        .containsEntry(JobState.CLAIMED, 2L);
                assertThat(store.putBacks).containsExactly(inboxes - 2);
            }
        }
    }
}
