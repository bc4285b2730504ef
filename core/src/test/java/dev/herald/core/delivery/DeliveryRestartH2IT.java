package dev.herald.core.delivery;

import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR;
import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.KEY_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.JobState;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationResult;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on the embedded H2 store: the first process delivers part of a fan-out and stops; a new store and a new
 * engine over the same database directory deliver the rest, each inbox once (twice only for a request in flight).
 */
class DeliveryRestartH2IT {
    @TempDir
    Path dataDir;

    private static DeliveryEngine engine(JdbcStore store) {
        return DeliveryEngine.builder(store, username -> KEY_ID)
                .settings(DeliverySettings.builder()
                        .requestTimeout(Duration.ofSeconds(2))
                        .lease(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .shutdownGrace(Duration.ofSeconds(1))
                        .maxInFlight(4)
                        .claimBatch(4)
                        .build())
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .build()
                .start();
    }

    @Test
    void aNewProcessOnTheSameDatabaseDeliversTheRest() throws Exception {
        int hosts = 24;
        KeyPair keys = KeyPairs.rsa2048();
        try (Sinks sinks = Sinks.start(
                hosts,
                keyId -> KEY_ID.toString().equals(keyId)
                        ? Optional.of(VerificationKey.of(keyId, keys.getPublic(), ACTOR_ID))
                        : Optional.empty())) {
            for (int h = 0; h < hosts; h++) {
                sinks.behave(h, n -> Sinks.Answer.slow(202, 150));
            }
            long doneAtStop;
            try (JdbcStore first = JdbcStore.embeddedH2(dataDir)) {
                first.keyPairs()
                        .findOrCreate(
                                ACTOR,
                                () -> new StoredKeyPair(
                                        ACTOR,
                                        Pem.write(keys.getPrivate()),
                                        Pem.write(keys.getPublic()),
                                        Instant.now()));
                for (int h = 0; h < hosts; h++) {
                    sinks.follow(first, ACTOR, h, "a", true);
                }
                URI activity = URI.create("https://www.example.org/ap/objects/h2#create");
                Sinks.publish(first, ACTOR, activity);
                DeliveryEngine a = engine(first);
                await(() -> first.deliveries().counts().get(JobState.DONE) >= 6, Duration.ofSeconds(20), "a part");
                a.close();
                doneAtStop = first.deliveries().counts().get(JobState.DONE);
                assertThat(first.deliveries().counts().get(JobState.CLAIMED)).isZero();
            }
            assertThat(doneAtStop).isLessThan(hosts);
            try (JdbcStore second = JdbcStore.embeddedH2(dataDir)) {
                DeliveryEngine b = engine(second);
                try {
                    await(
                            () -> second.deliveries().counts().get(JobState.DONE) == hosts,
                            Duration.ofSeconds(30),
                            "the rest");
                } finally {
                    b.close();
                }
            }
            for (int h = 0; h < hosts; h++) {
                assertThat(sinks.receivedBy(h)).hasSizeBetween(1, 2);
                assertThat(sinks.receivedBy(h).get(0).verdict()).isInstanceOf(VerificationResult.Verified.class);
            }
        }
    }
}
