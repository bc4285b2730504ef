package dev.herald.signatures;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One signature found on a request, read and checked against the policy, waiting for its key: what both
 * specifications have in common once parsed. Immutable.
 */
final class SignedCandidate {
    /** Computes the signed bytes; {@code withoutQuery} is Mastodon's draft-cavage quirk. */
    interface Base {
        byte[] bytes(boolean withoutQuery);
    }

    final SignatureSpec spec;
    final String keyId;
    /** The algorithm the signature names; empty when the key decides (hs2019, no {@code alg}). */
    final Optional<SignatureAlgorithm> algorithm;

    final List<String> components;
    final Optional<Instant> created;
    final Optional<String> label;
    final byte[] signature;
    final Base base;
    final boolean mayRetryWithoutQuery;

    SignedCandidate(
            SignatureSpec spec,
            String keyId,
            Optional<SignatureAlgorithm> algorithm,
            List<String> components,
            Optional<Instant> created,
            Optional<String> label,
            byte[] signature,
            Base base,
            boolean mayRetryWithoutQuery) {
        this.spec = spec;
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.components = List.copyOf(components);
        this.created = created;
        this.label = label;
        this.signature = signature;
        this.base = base;
        this.mayRetryWithoutQuery = mayRetryWithoutQuery;
    }

    /** A rejection found before the key was looked up. */
    static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;
        final VerificationResult.Reason reason;

        Rejection(VerificationResult.Reason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        VerificationResult.Rejected toResult(Optional<String> keyId) {
            return new VerificationResult.Rejected(reason, getMessage(), keyId);
        }
    }
}
