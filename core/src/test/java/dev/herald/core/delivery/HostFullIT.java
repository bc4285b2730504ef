package dev.herald.core.delivery;

import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR;
import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.KEY_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.EngagementStore;
import dev.herald.core.store.FollowerStore;
import dev.herald.core.store.FollowingStore;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.HostBacklog;
import dev.herald.core.store.HostHealthStore;
import dev.herald.core.store.InboxStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.ObjectStore;
import dev.herald.core.store.RemoteActorCache;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.VerificationKey;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
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
        memory.keyPairs()
                .findOrCreate(
                        ACTOR,
                        () -> new StoredKeyPair(
                                ACTOR, Pem.write(keys.getPrivate()), Pem.write(keys.getPublic()), Instant.now()));
        RecordingStore store = new RecordingStore(memory);
        int inboxes = 10;
        try (Sinks sinks = Sinks.start(
                1,
                keyId -> KEY_ID.toString().equals(keyId)
                        ? Optional.of(VerificationKey.of(keyId, keys.getPublic(), ACTOR_ID))
                        : Optional.empty())) {
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

    /** The in-memory store, recording the size of every put-back call of its delivery queue. */
    private static final class RecordingStore implements HeraldStore {
        private final HeraldStore store;
        private final List<Integer> putBacks = new CopyOnWriteArrayList<>();
        private final DeliveryStore deliveries;

        RecordingStore(HeraldStore store) {
            this.store = store;
            DeliveryStore queue = store.deliveries();
            this.deliveries = new DeliveryStore() {
                @Override
                public int enqueue(DeliveryBatch batch, Instant now) {
                    return queue.enqueue(batch, now);
                }

                @Override
                public List<ClaimedDelivery> claim(String workerId, int limit, Duration lease, Instant now) {
                    return queue.claim(workerId, limit, lease, now);
                }

                @Override
                public boolean delivered(ClaimedDelivery job, Instant now) {
                    return queue.delivered(job, now);
                }

                @Override
                public int delivered(List<ClaimedDelivery> jobs, Instant now) {
                    return queue.delivered(jobs, now);
                }

                @Override
                public boolean retryLater(ClaimedDelivery job, String error, Instant nextAttempt) {
                    return queue.retryLater(job, error, nextAttempt);
                }

                @Override
                public boolean putBack(ClaimedDelivery job, String reason, Instant due) {
                    putBacks.add(1);
                    return queue.putBack(job, reason, due);
                }

                @Override
                public int putBack(List<ClaimedDelivery> jobs, String reason, Instant due) {
                    putBacks.add(jobs.size());
                    return queue.putBack(jobs, reason, due);
                }

                @Override
                public boolean giveUp(ClaimedDelivery job, String error, Instant now) {
                    return queue.giveUp(job, error, now);
                }

                @Override
                public Map<JobState, Long> counts() {
                    return queue.counts();
                }

                @Override
                public List<HostBacklog> backlogByHost(int limit) {
                    return queue.backlogByHost(limit);
                }

                @Override
                public int purgeFinished(Instant before) {
                    return queue.purgeFinished(before);
                }
            };
        }

        @Override
        public KeyPairStore keyPairs() {
            return store.keyPairs();
        }

        @Override
        public ObjectStore objects() {
            return store.objects();
        }

        @Override
        public FollowerStore followers() {
            return store.followers();
        }

        @Override
        public FollowingStore following() {
            return store.following();
        }

        @Override
        public DeliveryStore deliveries() {
            return deliveries;
        }

        @Override
        public InboxStore inbox() {
            return store.inbox();
        }

        @Override
        public RemoteActorCache remoteActors() {
            return store.remoteActors();
        }

        @Override
        public HostHealthStore hostHealth() {
            return store.hostHealth();
        }

        @Override
        public EngagementStore engagement() {
            return store.engagement();
        }

        @Override
        public int publish(StoredObject object, DeliveryBatch batch, Instant now) {
            return store.publish(object, batch, now);
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
