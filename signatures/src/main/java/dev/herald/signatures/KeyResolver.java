package dev.herald.signatures;

import java.util.Optional;

/**
 * Finds the key for a key id: the service provider interface through which the verifier gets public keys.
 * Herald's core resolves key ids through its remote-actor cache; a standalone user may look keys up in a
 * map.
 *
 * <p>Implementations must be thread-safe: one verifier serves many requests at once.
 */
@FunctionalInterface
public interface KeyResolver {
    /**
     * The key for {@code keyId}, or empty when there is none (the verifier then rejects with
     * {@link VerificationResult.Reason#UNKNOWN_KEY}).
     *
     * @throws KeyResolutionException when the key could not be looked up at all (network failure,
     *     refused address): the verifier rejects with {@link VerificationResult.Reason#KEY_UNAVAILABLE}
     */
    Optional<VerificationKey> resolve(String keyId);

    /**
     * A fresh copy of the key for {@code keyId}, bypassing any cache: called once when a signature fails to
     * verify with the cached key, because the sender may have rotated its key. The default has no cache to
     * bypass and returns empty.
     */
    default Optional<VerificationKey> refresh(String keyId) {
        return Optional.empty();
    }

    /** Thrown by a resolver that could not look a key up. The message must be fit for a log. */
    final class KeyResolutionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A failure with a reason and its cause. */
        public KeyResolutionException(String message, Throwable cause) {
            super(message, cause);
        }

        /** A failure with a reason. */
        public KeyResolutionException(String message) {
            super(message);
        }
    }
}
