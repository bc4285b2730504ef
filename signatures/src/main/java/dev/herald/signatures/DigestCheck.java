package dev.herald.signatures;

/**
 * The result of checking a {@code Digest} or {@code Content-Digest} header against a body: an
 * {@link Outcome} plus a reason a log reader understands.
 *
 * <p>The outcome tells the caller which HTTP status to answer: Mastodon answers 400 for a
 * {@link Outcome#MALFORMED malformed} {@code Content-Digest} and 401 when the digest does not
 * {@link Outcome#MISMATCH match}. Reasons never contain body bytes, only digests. Immutable and
 * thread-safe.
 *
 * @param outcome what the check found
 * @param reason why, for logs and error responses
 */
public record DigestCheck(Outcome outcome, String reason) {

    /** What a digest check found. */
    public enum Outcome {
        /** Every supported digest in the header equals the body's digest. */
        MATCH,
        /** The header is well formed but a supported digest differs from the body's. */
        MISMATCH,
        /** The header does not parse (bad syntax, invalid base64, wrong header syntax). */
        MALFORMED,
        /** The header parses but names no algorithm this library supports. */
        UNSUPPORTED
    }

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code outcome} is null or {@code reason} is null or blank
     */
    public DigestCheck {
        if (outcome == null) {
            throw new IllegalArgumentException("outcome must not be null");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }

    /** Whether the body matched: the only outcome on which a request may proceed. */
    public boolean matches() {
        return outcome == Outcome.MATCH;
    }

    /** A {@link Outcome#MATCH} with the given reason. */
    public static DigestCheck match(String reason) {
        return new DigestCheck(Outcome.MATCH, reason);
    }

    /** A {@link Outcome#MISMATCH} with the given reason. */
    public static DigestCheck mismatch(String reason) {
        return new DigestCheck(Outcome.MISMATCH, reason);
    }

    /** A {@link Outcome#MALFORMED} with the given reason. */
    public static DigestCheck malformed(String reason) {
        return new DigestCheck(Outcome.MALFORMED, reason);
    }

    /** An {@link Outcome#UNSUPPORTED} with the given reason. */
    public static DigestCheck unsupported(String reason) {
        return new DigestCheck(Outcome.UNSUPPORTED, reason);
    }
}
