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
 * Successful deliveries are recorded by one thread at a time: while it commits, the successes of the others gather
 * into its next batch, so a fan-out commits once per batch, not once per inbox.
 */
class BatchedOutcomesIT {
    @Test
    void successesAreRecordedOneCallAtATimeInBatches() throws Exception {
        KeyPair keys = KeyPairs.rsa2048();
        InMemoryStore memory = new InMemoryStore();
        Sinks.storeKeys(memory, ACTOR, keys);
        // Each call marking jobs delivered takes 50 ms, as a commit on a slow disk might.
        RecordingStore store = new RecordingStore(memory, Duration.ofMillis(50));
        int hosts = 4;
        int perHost = 25;
        try (Sinks sinks = Sinks.start(hosts, Sinks.onlyKey(KEY_ID, keys.getPublic(), ACTOR_ID))) {
            for (int h = 0; h < hosts; h++) {
                for (int u = 0; u < perHost; u++) {
                    sinks.follow(memory, ACTOR, h, "u" + u, false);
                }
            }
            Sinks.publish(memory, ACTOR, URI.create("https://www.example.org/ap/objects/batched#create"));
            try (DeliveryEngine engine = DeliveryEngine.builder(store, username -> KEY_ID)
                    .settings(DeliverySettings.builder()
                            .storeThreads(4)
                            .shutdownGrace(Duration.ZERO)
                            .build())
                    .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                    .build()
                    .start()) {
                await(
                        () -> memory.deliveries().counts().get(JobState.DONE) == hosts * perHost,
                        Duration.ofSeconds(60),
                        "every job done");
            }
        }
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
