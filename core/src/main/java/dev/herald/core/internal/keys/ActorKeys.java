package dev.herald.core.internal.keys;

import dev.herald.core.store.KeyPairStore;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local actors' key pairs: generated (RSA-2048) the first time an actor needs one, stored as PEM through
 * {@link KeyPairStore#findOrCreate}, and kept in memory once read. Private keys are never logged and never
 * leave this class except as a {@link SigningKey}. Not part of the API. Thread-safe.
 */
public final class ActorKeys {
    /** The key-store name of the instance actor's pair. */
    public static final String INSTANCE = "instance";

    private static final Logger LOG = LoggerFactory.getLogger(ActorKeys.class);

    private final KeyPairStore store;
    private final Clock clock;
    private final Map<String, StoredKeyPair> pairs = new ConcurrentHashMap<>();
    private final Map<String, SigningKey> signingKeys = new ConcurrentHashMap<>();

    /** Keys kept in {@code store}, stamped with {@code clock} when generated. */
    public ActorKeys(KeyPairStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The stored pair of {@code name} (a username or {@link #INSTANCE}), generating one on first use. */
    public StoredKeyPair pair(String name) {
        return pairs.computeIfAbsent(name, this::findOrCreate);
    }

    /** A signing key for {@code name}'s private key, named {@code keyId}. */
    public SigningKey signingKey(String name, String keyId) {
        return signingKeys.computeIfAbsent(
                name + "\n" + keyId,
                k -> SigningKey.of(keyId, Pem.readPrivateKey(pair(name).privateKeyPem())));
    }

    private StoredKeyPair findOrCreate(String name) {
        return store.findOrCreate(name, () -> {
            KeyPair generated = KeyPairs.rsa2048();
            LOG.info("Generated an RSA-2048 key pair for actor {}", name);
            return new StoredKeyPair(
                    name, Pem.write(generated.getPrivate()), Pem.write(generated.getPublic()), clock.instant());
        });
    }
}
