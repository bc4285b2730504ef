package dev.herald.signatures;

import static dev.herald.signatures.VerificationResult.Reason.DIGEST_MISMATCH;
import static dev.herald.signatures.VerificationResult.Reason.DIGEST_MISSING;
import static dev.herald.signatures.VerificationResult.Reason.EXPIRED;
import static dev.herald.signatures.VerificationResult.Reason.MALFORMED_DIGEST;

import dev.herald.signatures.internal.HttpDates;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The policy checks both specifications share: time window and digests. Stateless. */
final class RequestChecks {
    private static final Set<String> METHODS_WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private RequestChecks() {}

    /** Whether the request carries (or, by its method, should carry) a body that a digest must cover. */
    static boolean hasBody(HttpMessage.Request request, byte[] body) {
        return (body != null && body.length > 0)
                || METHODS_WITH_BODY.contains(request.method().toUpperCase(Locale.ROOT));
    }

    /** Checks that {@code instant} (a {@code Date} or {@code created}) is within the policy's window. */
    static void checkWindow(Instant instant, String what, VerificationPolicy policy) throws SignedCandidate.Rejection {
        Instant now = policy.clock().instant();
        if (instant.isAfter(now.plus(policy.clockSkew()))) {
            throw new SignedCandidate.Rejection(
                    EXPIRED,
                    what + " " + instant + " is in the future (now " + now + ", skew " + policy.clockSkew() + ")");
        }
        if (instant.isBefore(now.minus(policy.maxAge()))) {
            throw new SignedCandidate.Rejection(
                    EXPIRED,
                    what + " " + instant + " is outside the window (now " + now + ", max age " + human(policy.maxAge())
                            + ")");
        }
    }

    /** Checks that {@code expires} has not passed (with the skew). */
    static void checkExpires(Instant expires, VerificationPolicy policy) throws SignedCandidate.Rejection {
        Instant now = policy.clock().instant();
        if (expires.isBefore(now.minus(policy.clockSkew()))) {
            throw new SignedCandidate.Rejection(EXPIRED, "signature expired at " + expires + " (now " + now + ")");
        }
    }

    /** Parses and checks a covered {@code Date} header. */
    static Instant checkDate(HttpMessage.Request request, VerificationPolicy policy) throws SignedCandidate.Rejection {
        String value = request.fields().combined("date").orElse("");
        Instant date;
        try {
            date = HttpDates.parse(value);
        } catch (DateTimeParseException e) {
            throw new SignedCandidate.Rejection(
                    EXPIRED, "Date header is not an HTTP date: \"" + abbreviate(value) + "\"");
        }
        checkWindow(date, "Date", policy);
        return date;
    }

    /**
     * Checks every covered digest field against the body, and that one is covered when the request has a
     * body and the policy requires coverage.
     */
    static void checkDigests(
            HttpMessage.Request request, byte[] body, Collection<String> coveredFields, VerificationPolicy policy)
            throws SignedCandidate.Rejection {
        checkDigests(request.fields(), body, coveredFields, policy.requireCoverage() && hasBody(request, body));
    }

    /**
     * Checks every covered digest field of {@code fields} against the body.
     *
     * @param required whether a covered digest field must be present
     */
    static void checkDigests(HttpFields fields, byte[] body, Collection<String> coveredFields, boolean required)
            throws SignedCandidate.Rejection {
        byte[] bytes = body == null ? new byte[0] : body;
        boolean digestCovered = coveredFields.contains("digest");
        boolean contentDigestCovered = coveredFields.contains("content-digest");
        if (required && !digestCovered && !contentDigestCovered) {
            throw new SignedCandidate.Rejection(
                    DIGEST_MISSING, "the request has a body but its Digest or Content-Digest is not signed");
        }
        if (contentDigestCovered) {
            check(Digests.verifyContentDigest(fields.combined("content-digest").orElse(""), bytes), "Content-Digest");
        }
        if (digestCovered) {
            check(Digests.verifyDigestHeader(fields.combined("digest").orElse(""), bytes), "Digest");
        }
    }

    private static void check(DigestCheck check, String field) throws SignedCandidate.Rejection {
        switch (check.outcome()) {
            case MATCH:
                return;
            case MISMATCH:
                throw new SignedCandidate.Rejection(
                        DIGEST_MISMATCH, field + " does not match the body: " + check.reason());
            default:
                throw new SignedCandidate.Rejection(MALFORMED_DIGEST, field + " is not usable: " + check.reason());
        }
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…";
    }

    /** Seconds since the epoch from a draft-cavage or RFC 9421 timestamp (fractions dropped). */
    static Optional<Instant> epochSeconds(Optional<String> value) {
        return value.map(
                v -> Instant.ofEpochSecond(Long.parseLong(v.contains(".") ? v.substring(0, v.indexOf('.')) : v)));
    }
}
