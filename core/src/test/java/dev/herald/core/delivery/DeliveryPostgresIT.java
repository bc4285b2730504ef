package dev.herald.core.delivery;

import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR;
import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.KEY_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.jdbc.JdbcStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationResult;
import dev.herald.webfinger.NetworkPolicy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each with its own store and delivery engine, on one real PostgreSQL (Zonky's embedded server): a
 * fan-out is delivered once to every inbox, the work shared between them.
 */
class DeliveryPostgresIT {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        // As root, Zonky runs PostgreSQL in a user namespace by itself.
        postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static DeliveryEngine engine(JdbcStore store, String worker) {
        return DeliveryEngine.builder(store, username -> KEY_ID)
                .settings(DeliverySettings.builder()
                        .requestTimeout(Duration.ofSeconds(2))
                        .lease(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50))
                        .shutdownGrace(Duration.ofSeconds(1))
                        .maxInFlight(8)
                        .claimBatch(4)
                        .build())
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .workerId(worker)
                .build()
                .start();
    }

    @Test
    void twoNodesDeliverAFanOutOnceToEachInbox() throws Exception {
        int hosts = 40;
        KeyPair keys = KeyPairs.rsa2048();
        try (Sinks sinks = Sinks.start(
                        hosts,
                        keyId -> KEY_ID.toString().equals(keyId)
                                ? Optional.of(VerificationKey.of(keyId, keys.getPublic(), ACTOR_ID))
                                : Optional.empty());
                JdbcStore nodeA = JdbcStore.builder()
                        .dataSource(postgres.getPostgresDatabase())
                        .tablePrefix("delivery_it_")
                        .build();
                JdbcStore nodeB = JdbcStore.builder()
                        .dataSource(postgres.getPostgresDatabase())
                        .tablePrefix("delivery_it_")
                        .build()) {
            for (int h = 0; h < hosts; h++) {
                sinks.behave(h, n -> Sinks.Answer.slow(202, 30));
                sinks.follow(nodeA, ACTOR, h, "a", true);
            }
            nodeA.keyPairs()
                    .findOrCreate(
                            ACTOR,
                            () -> new StoredKeyPair(
                                    ACTOR, Pem.write(keys.getPrivate()), Pem.write(keys.getPublic()), Instant.now()));
            URI activity = URI.create("https://www.example.org/ap/objects/pg#create");
            assertThat(nodeA.deliveries()
                            .enqueue(
                                    DeliveryBatch.toFollowers(
                                            activity, ACTOR, "{\"id\":\"" + activity + "\",\"type\":\"Create\"}"),
                                    Instant.now()))
                    .isEqualTo(hosts);

            DeliveryEngine a = engine(nodeA, "node-a");
            DeliveryEngine b = engine(nodeB, "node-b");
            try {
                await(
                        () -> nodeB.deliveries().counts().get(JobState.DONE) == hosts,
                        Duration.ofSeconds(60),
                        "every inbox delivered");
            } finally {
                a.close();
                b.close();
            }
            for (int h = 0; h < hosts; h++) {
                assertThat(sinks.receivedBy(h)).hasSize(1);
                assertThat(sinks.receivedBy(h).get(0).verdict()).isInstanceOf(VerificationResult.Verified.class);
            }
        }
    }
}
