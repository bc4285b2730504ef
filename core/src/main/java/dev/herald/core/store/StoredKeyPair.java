package dev.herald.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A local actor's key pair as stored: PEM text (PKCS#8 private key, SPKI public key). The private key never
 * leaves the store except to sign; {@link #toString()} never shows it. Immutable.
 *
 * @param actor the local actor's username (or {@code "instance"} for the instance actor)
 * @param privateKeyPem PKCS#8 PEM
 * @param publicKeyPem SPKI PEM
 * @param created when the pair was generated
 */
public record StoredKeyPair(String actor, String privateKeyPem, String publicKeyPem, Instant created) {
    /** Checks the parts. */
    public StoredKeyPair {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        Objects.requireNonNull(created, "created");
    }

    @Override
    public String toString() {
        return "StoredKeyPair[actor=" + actor + ", created=" + created + "]";
    }
}
