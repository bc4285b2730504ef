package dev.herald.signatures;

import dev.herald.signatures.internal.CryptoProviders;
import java.net.URI;
import java.security.Key;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * A key that a {@link KeyResolver} found for a key id: the public key (or HMAC secret) and, for the
 * fediverse, the actor that owns it ({@code publicKey.owner}). The inbox compares the owner with the
 * activity's {@code actor}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param keyId the key id it was resolved for
 * @param key a public key, or a shared secret for HMAC
 * @param owner the owner of the key, when known
 * @param algorithm the algorithm this key is for, when the key's owner says so (RFC 9421 §3.2: the
 *     verifier may know the algorithm from the key); empty means the algorithm the key implies, or the one
 *     the signature names
 */
public record VerificationKey(String keyId, Key key, Optional<URI> owner, Optional<SignatureAlgorithm> algorithm) {
    /** Checks the parts. */
    public VerificationKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(algorithm, "algorithm");
        // Converted once here, not on every verification (see CryptoProviders): resolvers cache these.
        key = CryptoProviders.prepareForVerifying(key);
        if (algorithm.isPresent() && !algorithm.get().accepts(key)) {
            throw new IllegalArgumentException("key " + key.getAlgorithm() + " cannot be used with " + algorithm.get());
        }
        if (!(key instanceof PublicKey || key instanceof SecretKey)) {
            throw new IllegalArgumentException("key must be a public key or a shared secret, not a private key");
        }
    }

    /** A public key with its owner. */
    public static VerificationKey of(String keyId, PublicKey key, URI owner) {
        return new VerificationKey(keyId, key, Optional.of(owner), Optional.empty());
    }

    /** A key without a known owner. */
    public static VerificationKey of(String keyId, Key key) {
        return new VerificationKey(keyId, key, Optional.empty(), Optional.empty());
    }

    /** This key, pinned to {@code algorithm}: signatures that name another algorithm are rejected. */
    public VerificationKey withAlgorithm(SignatureAlgorithm algorithm) {
        return new VerificationKey(keyId, key, owner, Optional.of(algorithm));
    }

    @Override
    public String toString() {
        return "VerificationKey[keyId=" + keyId + ", algorithm=" + key.getAlgorithm() + ", owner="
                + owner.map(URI::toString).orElse("unknown")
                + algorithm.map(a -> ", pinned to " + a).orElse("") + "]";
    }
}
