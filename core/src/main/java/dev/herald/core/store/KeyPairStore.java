package dev.herald.core.store;

import java.util.Optional;
import java.util.function.Supplier;

/** Local actors' key pairs, generated on first use and kept. Thread-safe. */
public interface KeyPairStore {
    /** The key pair of {@code actor}, if one was stored. */
    Optional<StoredKeyPair> find(String actor);

    /**
     * The key pair of {@code actor}; if there is none yet, stores the one {@code generate} makes. Atomic: two
     * nodes (or threads) racing on first start end up with the same stored pair.
     */
    StoredKeyPair findOrCreate(String actor, Supplier<StoredKeyPair> generate);
}
