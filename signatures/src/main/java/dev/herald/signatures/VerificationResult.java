package dev.herald.signatures;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What verifying a signed request found: {@link Verified} with who signed it, or {@link Rejected} with the
 * first reason for the rejection, fit to answer with ({@link Rejected#httpStatus()}) and to log.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface VerificationResult permits VerificationResult.Verified, VerificationResult.Rejected {

    /** Whether the signature verified. */
    default boolean isVerified() {
        return this instanceof Verified;
    }

    /**
     * A signature that verified and met the policy.
     *
     * @param spec the specification it followed
     * @param keyId the key id it named
     * @param keyOwner the key's owner, as the key resolver reported it
     * @param algorithm the algorithm that verified it
     * @param components the covered components, in signed order (draft-cavage header names, or RFC 9421
     *     component identifiers such as {@code "@method"} or {@code "content-digest"})
     * @param created when it was created ({@code created} parameter or {@code Date} header), if known
     * @param label the RFC 9421 signature label; empty for draft-cavage
     */
    record Verified(
            SignatureSpec spec,
            String keyId,
            Optional<URI> keyOwner,
            SignatureAlgorithm algorithm,
            List<String> components,
            Optional<Instant> created,
            Optional<String> label)
            implements VerificationResult {
        /** Copies the component list. */
        public Verified {
            components = List.copyOf(components);
        }
    }

    /**
     * A rejected request.
     *
     * @param reason the first reason found
     * @param detail a sentence for a log reader, e.g. {@code date outside window: … }
     * @param keyId the key id the signature named, when it could be read
     */
    record Rejected(Reason reason, String detail, Optional<String> keyId) implements VerificationResult {
        /** Checks the parts. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(keyId, "keyId");
        }

        /** The HTTP status to answer with: 400 for a malformed digest field, else 401. */
        public int httpStatus() {
            return reason.httpStatus();
        }

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }

    /** Why a request was rejected. */
    enum Reason {
        /** No {@code Signature}, {@code Signature-Input} or {@code Authorization: Signature}. */
        MISSING_SIGNATURE,
        /** The signature fields could not be parsed, or name no key id or signature. */
        MALFORMED_SIGNATURE,
        /** The algorithm is unknown, not allowed by the policy, or does not fit the key. */
        ALGORITHM_NOT_ALLOWED,
        /** A component that the policy requires is not covered by the signature. */
        MISSING_COMPONENT,
        /** A covered header field (or derived component) is absent from the request or cannot be computed. */
        MISSING_HEADER,
        /** The date, {@code created} or {@code expires} is malformed or outside the allowed window. */
        EXPIRED,
        /** The request has a body but no covered digest field. */
        DIGEST_MISSING,
        /** The digest field is not well-formed, or names no supported algorithm (answered with 400). */
        MALFORMED_DIGEST(400),
        /** The digest does not match the body. */
        DIGEST_MISMATCH,
        /** The key resolver knows no key for the key id. */
        UNKNOWN_KEY,
        /** The key could not be looked up (network failure, refused address). */
        KEY_UNAVAILABLE,
        /** The key is too weak for the policy. */
        WEAK_KEY,
        /** The signature does not verify with the key. */
        BAD_SIGNATURE;

        private final int httpStatus;

        Reason() {
            this(401);
        }

        Reason(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        /** The HTTP status that answers a request rejected for this reason. */
        public int httpStatus() {
            return httpStatus;
        }
    }
}
