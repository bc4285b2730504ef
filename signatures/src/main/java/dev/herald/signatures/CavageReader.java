package dev.herald.signatures;

import static dev.herald.signatures.VerificationResult.Reason.ALGORITHM_NOT_ALLOWED;
import static dev.herald.signatures.VerificationResult.Reason.EXPIRED;
import static dev.herald.signatures.VerificationResult.Reason.MALFORMED_SIGNATURE;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_COMPONENT;
import static dev.herald.signatures.VerificationResult.Reason.MISSING_HEADER;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads a draft-cavage-12 signature off a request and applies the policy to it. Stateless. */
final class CavageReader {
    private CavageReader() {}

    /** The {@code Signature} header, or an {@code Authorization: Signature …} value. */
    static Optional<String> signatureField(HttpMessage.Request request) {
        Optional<String> signature = request.fields().first("signature");
        if (signature.isPresent()) {
            return signature;
        }
        return request.fields().first("authorization").filter(a -> a.regionMatches(true, 0, "Signature ", 0, 10));
    }

    static SignedCandidate read(String field, HttpMessage.Request request, byte[] body, VerificationPolicy policy)
            throws SignedCandidate.Rejection {
        if (field.length() > policy.maxSignatureFieldLength()) {
            throw new SignedCandidate.Rejection(
                    MALFORMED_SIGNATURE,
                    "Signature header longer than " + policy.maxSignatureFieldLength() + " characters");
        }
        CavageSignatureHeader header;
        try {
            header = CavageSignatureHeader.parse(field);
        } catch (SignatureFormatException e) {
            throw new SignedCandidate.Rejection(MALFORMED_SIGNATURE, "malformed Signature header: " + e.getMessage());
        }
        List<String> headers = header.headers();
        Optional<SignatureAlgorithm> algorithm = algorithm(header);
        boolean keyDecides = algorithm.isEmpty();
        // draft-cavage-12 §2.1.3: (created)/(expires) are only defined for hs2019 (Mastodon rejects them too).
        if (!keyDecides && (headers.contains("(created)") || headers.contains("(expires)"))) {
            throw new SignedCandidate.Rejection(
                    MALFORMED_SIGNATURE,
                    "pseudo-header (created) or (expires) is not" + " allowed with algorithm "
                            + header.algorithm().orElse(""));
        }
        if (policy.requireCoverage()) {
            require(headers.contains("(request-target)"), "(request-target)");
            require(headers.contains("host"), "host");
            require(headers.contains("date") || headers.contains("(created)"), "date or (created)");
        }
        Optional<Instant> created;
        try {
            created = RequestChecks.epochSeconds(header.created());
            Optional<Instant> expires = RequestChecks.epochSeconds(header.expires());
            if (headers.contains("(created)")) {
                RequestChecks.checkWindow(
                        created.orElseThrow(() ->
                                new SignedCandidate.Rejection(MALFORMED_SIGNATURE, "(created) is signed but absent")),
                        "created",
                        policy);
            }
            if (expires.isPresent()) {
                RequestChecks.checkExpires(expires.get(), policy);
            }
        } catch (NumberFormatException e) {
            throw new SignedCandidate.Rejection(EXPIRED, "created or expires is out of range");
        }
        if (headers.contains("date")) {
            Instant date = RequestChecks.checkDate(request, policy);
            created = created.or(() -> Optional.of(date));
        }
        RequestChecks.checkDigests(request, body, headers, policy);
        // Compute once now, so an absent header is reported as such rather than as a bad signature.
        String signingString;
        try {
            signingString = CavageSigningString.of(headers, request, header.created(), header.expires(), false);
        } catch (ComponentException e) {
            throw new SignedCandidate.Rejection(MISSING_HEADER, e.getMessage());
        }
        byte[] full = signingString.getBytes(StandardCharsets.UTF_8);
        boolean hasQuery = request.targetUri().getRawQuery() != null;
        SignedCandidate.Base base = withoutQuery -> withoutQuery
                ? CavageSigningString.of(headers, request, header.created(), header.expires(), true)
                        .getBytes(StandardCharsets.UTF_8)
                : full;
        return new SignedCandidate(
                SignatureSpec.DRAFT_CAVAGE_12,
                header.keyId(),
                algorithm,
                headers,
                created,
                Optional.empty(),
                header.signatureUnsafe(),
                base,
                policy.acceptTargetWithoutQuery() && hasQuery && headers.contains("(request-target)"));
    }

    private static Optional<SignatureAlgorithm> algorithm(CavageSignatureHeader header)
            throws SignedCandidate.Rejection {
        String name = header.algorithm().orElse("hs2019");
        switch (name) {
            case "hs2019":
                // In practice hs2019 means whatever the key is; with RSA, PKCS#1 v1.5 and SHA-256.
                return Optional.empty();
            case "rsa-sha256":
                return Optional.of(SignatureAlgorithm.RSA_V1_5_SHA256);
            case "hmac-sha256":
                return Optional.of(SignatureAlgorithm.HMAC_SHA256);
            case "ed25519":
                return Optional.of(SignatureAlgorithm.ED25519);
            default:
                throw new SignedCandidate.Rejection(ALGORITHM_NOT_ALLOWED, "unsupported signature algorithm " + name);
        }
    }

    private static void require(boolean covered, String what) throws SignedCandidate.Rejection {
        if (!covered) {
            throw new SignedCandidate.Rejection(MISSING_COMPONENT, "the signature does not cover " + what);
        }
    }
}
