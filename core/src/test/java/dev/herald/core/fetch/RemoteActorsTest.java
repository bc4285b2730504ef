package dev.herald.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.fetch.RemoteServer.Answer;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Pem;
import dev.herald.signatures.VerificationKey;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Actors and keys by id through the cache: Mastodon and stand-alone keys, origins, negative cache, refresh. */
class RemoteActorsTest {
    private final RemoteServer remote = RemoteServer.start();
    private final InMemoryStore store = new InMemoryStore();
    private final RemoteActors actors = RemoteActors.builder()
            .fetcher(RemoteFetcher.builder()
                    .signingKey(RemoteFetcherTest.INSTANCE)
                    .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                    .build())
            .cache(store.remoteActors())
            .build();
    private final KeyPair keys = KeyPairs.rsa2048();

    @AfterEach
    void stop() {
        remote.close();
    }

    static String actor(URI id, String keyId, KeyPair keys) {
        return "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/v1\"],"
                + "\"id\":\"" + id + "\",\"type\":\"Person\",\"inbox\":\"" + id + "/inbox\","
                + "\"publicKey\":{\"id\":\"" + keyId + "\",\"owner\":\"" + id + "\",\"publicKeyPem\":"
                + jakarta.json.Json.createValue(Pem.write(keys.getPublic())) + "}}";
    }

    @Test
    void resolvesAMastodonKeyFromItsActorAndCachesIt() {
        URI bob = remote.uri("/users/bob");
        remote.on("/users/bob", Answer.activity(actor(bob, bob + "#main-key", keys)));
        Optional<VerificationKey> key = actors.key(bob + "#main-key");
        assertThat(key).hasValueSatisfying(k -> {
            assertThat(k.owner()).contains(bob);
            assertThat(k.key()).isEqualTo(keys.getPublic());
        });
        assertThat(actors.key(bob + "#main-key")).isPresent();
        assertThat(actors.actor(bob).id()).isEqualTo(bob);
        assertThat(remote.hits("/users/bob")).isEqualTo(1);
        assertThat(store.remoteActors().findByKeyId(URI.create(bob + "#main-key")))
                .isPresent();
    }

    @Test
    void resolvesAStandaloneKeyWhoseOwnerListsIt() {
        URI bob = remote.uri("/users/bob");
        URI keyId = remote.uri("/users/bob/main-key");
        remote.on(
                        "/users/bob/main-key",
                        Answer.activity("{\"@context\":\"https://w3id.org/security/v1\",\"id\":\""
                                + keyId + "\",\"type\":\"CryptographicKey\",\"owner\":\"" + bob + "\",\"publicKeyPem\":"
                                + jakarta.json.Json.createValue(Pem.write(keys.getPublic())) + "}"))
                .on("/users/bob", Answer.activity(actor(bob, keyId.toString(), keys)));
        assertThat(actors.key(keyId.toString()))
                .hasValueSatisfying(k -> assertThat(k.owner()).contains(bob));
    }

    @Test
    void refusesAKeyItsOwnerDoesNotList() {
        URI bob = remote.uri("/users/bob");
        URI keyId = remote.uri("/keys/1");
        remote.on(
                        "/keys/1",
                        Answer.activity("{\"@context\":\"https://w3id.org/security/v1\",\"id\":\"" + keyId
                                + "\",\"type\":\"CryptographicKey\",\"owner\":\"" + bob + "\",\"publicKeyPem\":"
                                + jakarta.json.Json.createValue(Pem.write(keys.getPublic())) + "}"))
                .on("/users/bob", Answer.activity(actor(bob, bob + "#main-key", keys)));
        assertThat(actors.key(keyId.toString())).isEmpty();
    }

    @Test
    void aGoneActorIsFetchedOnceThenRememberedAsGone() {
        URI gone = remote.uri("/users/gone");
        remote.on("/users/gone", Answer.status(410));
        for (int i = 0; i < 20; i++) {
            assertThat(actors.key(gone + "#main-key")).isEmpty();
            assertThatThrownBy(() -> actors.actor(gone))
                    .isInstanceOfSatisfying(
                            FetchException.class, e -> assertThat(e.isGone()).isTrue());
        }
        assertThat(remote.hits("/users/gone")).isEqualTo(1);
        assertThat(actors.isKnownGone(gone)).isTrue();
    }

    @Test
    void concurrentLookupsOfOneKeyShareOneFetch() throws Exception {
        URI bob = remote.uri("/users/bob");
        remote.on(
                "/users/bob",
                new Answer(
                        200,
                        java.util.Map.of("Content-Type", "application/activity+json"),
                        actor(bob, bob + "#main-key", keys).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        300));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                assertThat(actors.key(bob + "#main-key")).isPresent();
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(remote.hits("/users/bob")).isEqualTo(1);
    }

    @Test
    void refreshBypassesTheCacheForARotatedKey() {
        URI bob = remote.uri("/users/bob");
        remote.on("/users/bob", Answer.activity(actor(bob, bob + "#main-key", keys)));
        KeyResolver resolver = actors.keyResolver();
        assertThat(resolver.resolve(bob + "#main-key")).isPresent();
        KeyPair rotated = KeyPairs.rsa2048();
        remote.on("/users/bob", Answer.activity(actor(bob, bob + "#main-key", rotated)));
        assertThat(resolver.resolve(bob + "#main-key").orElseThrow().key()).isEqualTo(keys.getPublic());
        assertThat(resolver.refresh(bob + "#main-key").orElseThrow().key()).isEqualTo(rotated.getPublic());
        assertThat(resolver.resolve(bob + "#main-key").orElseThrow().key()).isEqualTo(rotated.getPublic());
    }

    @Test
    void anUnreachableServerIsAKeyResolutionFailureNotAnUnknownKey() {
        remote.on("/users/bob", Answer.status(503));
        assertThatThrownBy(() -> actors.key(remote.uri("/users/bob") + "#main-key"))
                .isInstanceOf(KeyResolver.KeyResolutionException.class);
    }
}
