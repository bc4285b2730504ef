package dev.herald.core.delivery;

import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR;
import static dev.herald.core.delivery.DeliveryEngineIT.ACTOR_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.KEY_ID;
import static dev.herald.core.delivery.DeliveryEngineIT.await;

import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.JobState;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;

/**
 * What a delivery test over fake hosts starts from: an in-memory store holding the key pair of {@link
 * DeliveryEngineIT#ACTOR}, {@link Sinks} that accept that key alone, and engines over the store with the test's
 * settings. Closing it closes the sinks. Not thread-safe (one per test).
 */
final class SinkSite implements AutoCloseable {
    /** The store the followers and the jobs are in. */
    final InMemoryStore store = new InMemoryStore();

    /** The hosts, answering 202 until told otherwise. */
    final Sinks sinks;

    /** {@code hosts} hosts. */
    SinkSite(int hosts) throws IOException {
        KeyPair keys = Sinks.storeKeys(store, ACTOR, KeyPairs.rsa2048());
        sinks = Sinks.start(hosts, Sinks.onlyKey(KEY_ID, keys.getPublic(), ACTOR_ID));
    }

    /** Stores {@code users} followers of {@link DeliveryEngineIT#ACTOR} on {@code host}: u0, u1 … each own inbox. */
    void follow(int host, int users) {
        for (int u = 0; u < users; u++) {
            sinks.follow(store, ACTOR, host, "u" + u, false);
        }
    }

    /** Queues a {@code Create} of the object named {@code object} to every follower. */
    void publish(String object) {
        Sinks.publish(store, ACTOR, URI.create("https://www.example.org/ap/objects/" + object + "#create"));
    }

    /**
     * Starts an engine over {@code over} (the {@link #store}, or a {@link RecordingStore} of it) with {@code settings}
     * and no shutdown grace (a hanging host would hold its close for all of it), allowed to reach the loopback sinks.
     */
    DeliveryEngine start(HeraldStore over, DeliverySettings.Builder settings) {
        return DeliveryEngine.builder(over, username -> KEY_ID)
                .settings(settings.shutdownGrace(Duration.ZERO).build())
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .build()
                .start();
    }

    /** Waits up to {@code timeout} until the store holds {@code count} jobs in {@code state}. */
    void awaitJobs(JobState state, long count, Duration timeout, String what) throws InterruptedException {
        await(() -> store.deliveries().counts().get(state) == count, timeout, what);
    }

    @Override
    public void close() {
        sinks.close();
    }
}
