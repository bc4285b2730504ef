package dev.herald.signatures;

import static dev.herald.signatures.VerificationResult.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.herald.signatures.VerificationResult.Reason.BAD_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.KEY_UNAVAILABLE;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.UNKNOWN_KEY;
import static dev.herald.signatures.VerificationResult.Reason.WEAK_KEY;

import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies signed requests of either specification: RFC 9421 when the request has
 * {@code Signature-Input}, else draft-cavage-12 ({@code Signature} or {@code Authorization: Signature}).
 *
 * <p>The order of the checks: parse; algorithm; required coverage ({@link VerificationPolicy}); time
 * window; digest against the body; key lookup through the {@link KeyResolver}; the signature itself. The
 * first failure is the result, so a log line and the 401 body name the real reason. When the signature
 * does not verify with the resolved key, the key is {@link KeyResolver#refresh refreshed} once (the sender
 * may have rotated it). With several RFC 9421 signatures, the first that verifies wins.
 *
 * <p>Immutable and thread-safe if the key resolver is.
 */
public final class SignatureVerifier {
    private final KeyResolver keys;
    private final VerificationPolicy policy;

    private SignatureVerifier(KeyResolver keys, VerificationPolicy policy) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A verifier with the default policy. */
    public static SignatureVerifier of(KeyResolver keys) {
        return new SignatureVerifier(keys, VerificationPolicy.defaults());
    }

    /** A verifier with {@code policy}. */
    public static SignatureVerifier of(KeyResolver keys, VerificationPolicy policy) {
        return new SignatureVerifier(keys, policy);
    }

    /** The policy this verifier applies. */
    public VerificationPolicy policy() {
        return policy;
    }

    /**
     * Verifies a request.
     *
     * @param request the request as received (target URI as the public origin sees it)
     * @param body the body as received, or {@code null}/empty for none
     */
    public VerificationResult verify(HttpMessage.Request request, byte[] body) {
        Objects.requireNonNull(request, "request");
        if (request.fields().contains("signature-input")) {
            List<Rfc9421Reader.Entry> entries;
            try {
                entries = Rfc9421Reader.entries(request, policy);
            } catch (SignedCandidate.Rejection e) {
                return e.toResult(Optional.empty());
            }
            return firstVerified(entries, entry -> Rfc9421Reader.read(entry, request, body, policy));
        }
        Optional<String> cavage = CavageReader.signatureField(request);
        if (cavage.isEmpty()) {
            return new VerificationResult.Rejected(
                    MISSING_SIGNATURE,
                    "the request has no Signature, Signature-Input or Authorization: Signature header",
                    Optional.empty());
        }
        try {
            return check(CavageReader.read(cavage.get(), request, body, policy));
        } catch (SignedCandidate.Rejection e) {
            return e.toResult(Optional.empty());
        }
    }

    /**
     * Verifies an RFC 9421 signature on a response (for example one that answers a signed fetch). Only the
     * time window, the digest of covered digest fields, the algorithm and the signature are checked: no
     * components are required.
     *
     * @param related the request the response answers, needed for components with {@code ;req}
     */
    public VerificationResult verifyResponse(
            HttpMessage.Response response, Optional<HttpMessage.Request> related, byte[] body) {
        List<Rfc9421Reader.Entry> entries;
        try {
            entries = Rfc9421Reader.entries(response, policy);
        } catch (SignedCandidate.Rejection e) {
            return e.toResult(Optional.empty());
        }
        return firstVerified(entries, entry -> ResponseReader.read(entry, response, related, body, policy));
    }

    /** Reads one labelled RFC 9421 signature into a candidate, applying the policy. */
    private interface EntryReader {
        SignedCandidate read(Rfc9421Reader.Entry entry) throws SignedCandidate.Rejection;
    }

    /** The first of several signatures that verifies, else the first rejection. */
    private VerificationResult firstVerified(List<Rfc9421Reader.Entry> entries, EntryReader reader) {
        VerificationResult first = null;
        for (Rfc9421Reader.Entry entry : entries) {
            VerificationResult result;
            try {
                result = check(reader.read(entry));
            } catch (SignedCandidate.Rejection e) {
                result = e.toResult(Optional.empty());
            }
            if (result.isVerified()) {
                return result;
            }
            first = first == null ? result : first;
        }
        return first;
    }

    private VerificationResult check(SignedCandidate candidate) {
        Optional<String> keyId = Optional.of(candidate.keyId);
        Optional<VerificationKey> key;
        try {
            key = keys.resolve(candidate.keyId);
        } catch (KeyResolver.KeyResolutionException e) {
            return new VerificationResult.Rejected(
                    KEY_UNAVAILABLE, "key " + candidate.keyId + " could not be fetched: " + e.getMessage(), keyId);
        }
        if (key.isEmpty()) {
            return new VerificationResult.Rejected(UNKNOWN_KEY, "no key is known for " + candidate.keyId, keyId);
        }
        VerificationResult result = verifyWith(candidate, key.get());
        if (result.isVerified() || ((VerificationResult.Rejected) result).reason() != BAD_SIGNATURE) {
            return result;
        }
        Optional<VerificationKey> fresh;
        try {
            fresh = keys.refresh(candidate.keyId);
        } catch (KeyResolver.KeyResolutionException e) {
            return result;
        }
        if (fresh.isPresent() && !fresh.get().key().equals(key.get().key())) {
            return verifyWith(candidate, fresh.get());
        }
        return result;
    }

    private VerificationResult verifyWith(SignedCandidate candidate, VerificationKey key) {
        Optional<String> keyId = Optional.of(candidate.keyId);
        if (candidate.algorithm.isPresent()
                && key.algorithm().isPresent()
                && candidate.algorithm.get() != key.algorithm().get()) {
            return new VerificationResult.Rejected(
                    ALGORITHM_NOT_ALLOWED,
                    "the signature names " + candidate.algorithm.get() + " but key " + candidate.keyId + " is for "
                            + key.algorithm().get(),
                    keyId);
        }
        SignatureAlgorithm algorithm = candidate
                .algorithm
                .or(key::algorithm)
                .or(() -> SignatureAlgorithm.impliedBy(key.key()))
                .orElse(null);
        if (algorithm == null || !algorithm.accepts(key.key())) {
            return new VerificationResult.Rejected(
                    ALGORITHM_NOT_ALLOWED,
                    "algorithm "
                            + candidate
                                    .algorithm
                                    .map(SignatureAlgorithm::toString)
                                    .orElse("implied by the key")
                            + " does not fit the " + key.key().getAlgorithm() + " key " + candidate.keyId,
                    keyId);
        }
        if (!policy.allowedAlgorithms().contains(algorithm)) {
            return new VerificationResult.Rejected(
                    ALGORITHM_NOT_ALLOWED, "algorithm " + algorithm + " is not allowed", keyId);
        }
        if (key.key() instanceof RSAKey && ((RSAKey) key.key()).getModulus().bitLength() < policy.minimumRsaBits()) {
            return new VerificationResult.Rejected(
                    WEAK_KEY,
                    "RSA key " + candidate.keyId + " has "
                            + ((RSAKey) key.key()).getModulus().bitLength() + " bits, fewer than "
                            + policy.minimumRsaBits(),
                    keyId);
        }
        boolean valid = algorithm.verify(key.key(), candidate.base.bytes(false), candidate.signature);
        if (!valid && candidate.mayRetryWithoutQuery) {
            valid = algorithm.verify(key.key(), candidate.base.bytes(true), candidate.signature);
        }
        if (!valid) {
            return new VerificationResult.Rejected(
                    BAD_SIGNATURE, "signature does not verify with key " + candidate.keyId, keyId);
        }
        return new VerificationResult.Verified(
                candidate.spec,
                candidate.keyId,
                key.owner(),
                algorithm,
                candidate.components,
                candidate.created,
                candidate.label);
    }
}
