package dev.herald.signatures;

import java.security.Key;
import java.security.PrivateKey;
import java.util.Objects;
import javax.crypto.SecretKey;

/**
 * A key to sign with: the key id that verifiers will look up (for the fediverse, the actor's
 * {@code publicKey.id}, e.g. {@code https://example.org/actor#main-key}), the private key (or HMAC secret)
 * and the algorithm.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows key material.
 *
 * @param keyId the key id sent in the signature
 * @param key the private key, or the shared secret for HMAC
 * @param algorithm the algorithm; must accept the key
 */
public record SigningKey(String keyId, Key key, SignatureAlgorithm algorithm) {
    /** Checks that the key fits the algorithm and the key id is printable. */
    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(algorithm, "algorithm");
        if (keyId.isEmpty() || keyId.chars().anyMatch(c -> c < 0x20 || c >= 0x7f || c == '"' || c == '\\')) {
            throw new IllegalArgumentException("keyId must be printable ASCII without quotes or backslashes");
        }
        if (!(key instanceof PrivateKey || key instanceof SecretKey) || !algorithm.accepts(key)) {
            throw new IllegalArgumentException(
                    "key (" + key.getAlgorithm() + ") is not a signing key for " + algorithm);
        }
    }

    /** A signing key whose algorithm is the one its key implies (RSA → rsa-v1_5-sha256, …). */
    public static SigningKey of(String keyId, Key key) {
        Objects.requireNonNull(key, "key");
        SignatureAlgorithm algorithm = SignatureAlgorithm.impliedBy(key)
                .orElseThrow(() -> new IllegalArgumentException("unsupported key algorithm: " + key.getAlgorithm()));
        return new SigningKey(keyId, key, algorithm);
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId + ", algorithm=" + algorithm + "]";
    }
}
