package dev.herald.signatures;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a verifier demands of a signed request beyond a valid signature. The {@link #defaults() defaults}
 * match what fediverse servers accept and send:
 *
 * <ul>
 *   <li>covered: the request target ({@code (request-target)}, or {@code @method} with {@code @target-uri}
 *       or {@code @authority} and a path), the host ({@code host}, {@code @authority} or
 *       {@code @target-uri}), the time ({@code date} or {@code (created)}, or RFC 9421's {@code created}
 *       parameter), and a digest ({@code digest} or {@code content-digest}) whenever there is a body;
 *   <li>a clock window of ±1 hour around now for the {@code Date} header and {@code created};
 *   <li>a maximum signature age of 1 hour (Mastodon allows up to 12 hours of skew; raise it when needed);
 *   <li>every algorithm of {@link SignatureAlgorithm} except HMAC (a shared secret has no place between
 *       fediverse servers), and RSA keys of at least 2048 bits;
 *   <li>Mastodon's compatibility quirk: a draft-cavage {@code (request-target)} signed without the query
 *       string is accepted.
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #toBuilder()} makes a changed copy.
 */
public final class VerificationPolicy {
    private static final VerificationPolicy DEFAULTS = builder().build();

    private final Clock clock;
    private final Duration clockSkew;
    private final Duration maxAge;
    private final Set<SignatureAlgorithm> allowedAlgorithms;
    private final boolean requireCoverage;
    private final int minimumRsaBits;
    private final boolean acceptTargetWithoutQuery;
    private final int maxSignatureFieldLength;

    private VerificationPolicy(Builder builder) {
        this.clock = builder.clock;
        this.clockSkew = builder.clockSkew;
        this.maxAge = builder.maxAge;
        this.allowedAlgorithms = Set.copyOf(builder.allowedAlgorithms);
        this.requireCoverage = builder.requireCoverage;
        this.minimumRsaBits = builder.minimumRsaBits;
        this.acceptTargetWithoutQuery = builder.acceptTargetWithoutQuery;
        this.maxSignatureFieldLength = builder.maxSignatureFieldLength;
    }

    /** The defaults described above. */
    public static VerificationPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.clock = clock;
        builder.clockSkew = clockSkew;
        builder.maxAge = maxAge;
        builder.allowedAlgorithms = EnumSet.copyOf(allowedAlgorithms);
        builder.requireCoverage = requireCoverage;
        builder.minimumRsaBits = minimumRsaBits;
        builder.acceptTargetWithoutQuery = acceptTargetWithoutQuery;
        builder.maxSignatureFieldLength = maxSignatureFieldLength;
        return builder;
    }

    /** The clock that says what "now" is. */
    public Clock clock() {
        return clock;
    }

    /** How far a {@code Date} or {@code created} may lie in the future, and how far past {@code expires}. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** How old a {@code Date} or {@code created} may be. */
    public Duration maxAge() {
        return maxAge;
    }

    /** The algorithms accepted. */
    public Set<SignatureAlgorithm> allowedAlgorithms() {
        return allowedAlgorithms;
    }

    /** Whether the request target, host, time and (with a body) digest must be covered. */
    public boolean requireCoverage() {
        return requireCoverage;
    }

    /** The smallest RSA modulus accepted, in bits. */
    public int minimumRsaBits() {
        return minimumRsaBits;
    }

    /** Whether a draft-cavage {@code (request-target)} signed without the query string is accepted. */
    public boolean acceptTargetWithoutQuery() {
        return acceptTargetWithoutQuery;
    }

    /** The longest signature field value read, in characters: longer ones are rejected unread. */
    public int maxSignatureFieldLength() {
        return maxSignatureFieldLength;
    }

    /** Builds a {@link VerificationPolicy}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofHours(1);
        private Duration maxAge = Duration.ofHours(1);
        private Set<SignatureAlgorithm> allowedAlgorithms =
                EnumSet.complementOf(EnumSet.of(SignatureAlgorithm.HMAC_SHA256));
        private boolean requireCoverage = true;
        private int minimumRsaBits = 2048;
        private boolean acceptTargetWithoutQuery = true;
        private int maxSignatureFieldLength = 16 * 1024;

        private Builder() {}

        /** The clock (tests pin it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Allowed clock skew into the future; default 1 hour. */
        public Builder clockSkew(Duration clockSkew) {
            this.clockSkew = nonNegative(clockSkew, "clockSkew");
            return this;
        }

        /** Maximum age of a signature; default 1 hour. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = nonNegative(maxAge, "maxAge");
            return this;
        }

        /** The accepted algorithms; default all but HMAC. */
        public Builder allowedAlgorithms(Set<SignatureAlgorithm> allowed) {
            if (allowed.isEmpty()) {
                throw new IllegalArgumentException("allowedAlgorithms must not be empty");
            }
            this.allowedAlgorithms = EnumSet.copyOf(allowed);
            return this;
        }

        /**
         * Whether the request target, host, time and digest must be covered; default {@code true}. Turn it
         * off only to check signatures whose coverage some other rule governs (test vectors).
         */
        public Builder requireCoverage(boolean requireCoverage) {
            this.requireCoverage = requireCoverage;
            return this;
        }

        /** Smallest RSA modulus accepted; default 2048 bits. */
        public Builder minimumRsaBits(int bits) {
            if (bits < 512) {
                throw new IllegalArgumentException("minimumRsaBits must be at least 512: " + bits);
            }
            this.minimumRsaBits = bits;
            return this;
        }

        /** Mastodon's query-string quirk (see the class comment); default {@code true}. */
        public Builder acceptTargetWithoutQuery(boolean accept) {
            this.acceptTargetWithoutQuery = accept;
            return this;
        }

        /** The longest signature field value read; default 16 KiB. */
        public Builder maxSignatureFieldLength(int characters) {
            if (characters < 256) {
                throw new IllegalArgumentException("maxSignatureFieldLength must be at least 256: " + characters);
            }
            this.maxSignatureFieldLength = characters;
            return this;
        }

        /** The policy. */
        public VerificationPolicy build() {
            return new VerificationPolicy(this);
        }

        private static Duration nonNegative(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + duration);
            }
            return duration;
        }
    }
}
