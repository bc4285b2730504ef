package dev.herald.signatures;

import dev.herald.signatures.internal.CryptoProviders;
import dev.herald.signatures.internal.HttpDates;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs requests with a draft-cavage-12 {@code Signature} header, the way Mastodon does: {@code rsa-sha256}
 * over {@code (request-target) host date} and, with a body, {@code digest} (a {@code Digest: SHA-256=…}
 * header, upper-case prefix as Threads requires) and {@code content-type}.
 *
 * <p>Missing {@code Host}, {@code Date} and {@code Digest} lines are added. Keys other than RSA sign with
 * the algorithm name {@code hs2019}, which also signs {@code (created)} and {@code (expires)}.
 *
 * <p>Immutable and thread-safe: one signer serves every delivery worker.
 */
public final class CavageSigner {
    private final SigningKey key;
    /** The key in the RSA provider's own form, converted once (see CryptoProviders). */
    private final Key signingKey;

    private final Clock clock;
    private final List<String> headersWithoutBody;
    private final List<String> headersWithBody;
    private final String algorithmName;
    private final long expiresAfterSeconds;

    private CavageSigner(Builder builder) {
        this.key = Objects.requireNonNull(builder.key, "key");
        this.signingKey = CryptoProviders.prepareForSigning(key.key());
        this.clock = builder.clock;
        this.algorithmName = builder.algorithmName != null
                ? builder.algorithmName
                : key.algorithm() == SignatureAlgorithm.RSA_V1_5_SHA256 ? "rsa-sha256" : "hs2019";
        this.headersWithoutBody = List.copyOf(builder.headersWithoutBody);
        this.headersWithBody = List.copyOf(builder.headersWithBody);
        this.expiresAfterSeconds = builder.expiresAfterSeconds;
        if (algorithmName.equals("rsa-sha256") && key.algorithm() != SignatureAlgorithm.RSA_V1_5_SHA256) {
            throw new IllegalArgumentException("algorithm rsa-sha256 needs an RSA key, not " + key.algorithm());
        }
    }

    /** A signer with the defaults for {@code key}. */
    public static CavageSigner of(SigningKey key) {
        return builder(key).build();
    }

    /** A builder for a signer that signs with {@code key}. */
    public static Builder builder(SigningKey key) {
        return new Builder(key);
    }

    /** The key this signer signs with. */
    public SigningKey key() {
        return key;
    }

    /**
     * {@code request} with {@code Host}, {@code Date}, {@code Digest} (when there is a body) and
     * {@code Signature} added.
     *
     * @param body the body that will be sent, or {@code null} or empty for none
     * @throws IllegalArgumentException if a header the signer must cover is absent
     */
    public HttpMessage.Request sign(HttpMessage.Request request, byte[] body) {
        boolean hasBody = body != null && body.length > 0;
        HttpFields fields = request.fields();
        Instant now = clock.instant();
        if (!fields.contains("host")) {
            fields = fields.with("Host", request.authority());
        }
        if (!fields.contains("date")) {
            fields = fields.with("Date", HttpDates.format(now));
        }
        if (hasBody && !fields.contains("digest")) {
            fields = fields.with("Digest", Digests.digestHeader(body));
        }
        HttpMessage.Request prepared = request.withFields(fields);

        List<String> headers = new ArrayList<>(hasBody ? headersWithBody : headersWithoutBody);
        // A default that names content-type only applies when the request has one.
        if (!prepared.fields().contains("content-type")) {
            headers.remove("content-type");
        }
        Optional<Long> created = Optional.empty();
        Optional<Long> expires = Optional.empty();
        if (algorithmName.equals("hs2019")) {
            long seconds = now.getEpochSecond();
            created = Optional.of(seconds);
            expires = Optional.of(seconds + expiresAfterSeconds);
            headers.add(1, "(created)");
            headers.add(2, "(expires)");
        }
        String signingString = CavageSigningString.of(
                headers, prepared, created.map(String::valueOf), expires.map(String::valueOf), false);
        byte[] signature = key.algorithm().sign(signingKey, signingString.getBytes(StandardCharsets.UTF_8));
        CavageSignatureHeader header =
                CavageSignatureHeader.of(key.keyId(), algorithmName, headers, signature, created, expires);
        return prepared.withFields(prepared.fields().replacing("Signature", header.serialize()));
    }

    /** Builds a {@link CavageSigner}. Not thread-safe. */
    public static final class Builder {
        private final SigningKey key;
        private Clock clock = Clock.systemUTC();
        private List<String> headersWithoutBody = List.of("(request-target)", "host", "date");
        private List<String> headersWithBody = List.of("(request-target)", "host", "date", "digest", "content-type");
        private String algorithmName;
        private long expiresAfterSeconds = 3600;

        private Builder(SigningKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The clock for {@code Date} and {@code created}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Headers signed on requests without a body; default {@code (request-target) host date}. */
        public Builder headersWithoutBody(List<String> headers) {
            this.headersWithoutBody = headerList(headers);
            return this;
        }

        /** Headers signed on requests with a body; default adds {@code digest content-type}. */
        public Builder headersWithBody(List<String> headers) {
            this.headersWithBody = headerList(headers);
            return this;
        }

        /**
         * The {@code algorithm} parameter: {@code rsa-sha256} (default for RSA keys, what Mastodon expects)
         * or {@code hs2019} (default for other keys; signs {@code (created)} and {@code (expires)}).
         */
        public Builder algorithmName(String name) {
            if (!name.equals("rsa-sha256") && !name.equals("hs2019")) {
                throw new IllegalArgumentException("algorithmName must be rsa-sha256 or hs2019: " + name);
            }
            this.algorithmName = name;
            return this;
        }

        /** With {@code hs2019}, how long after {@code created} the signature expires; default 1 hour. */
        public Builder expiresAfterSeconds(long seconds) {
            if (seconds <= 0) {
                throw new IllegalArgumentException("expiresAfterSeconds must be positive: " + seconds);
            }
            this.expiresAfterSeconds = seconds;
            return this;
        }

        /** The signer. */
        public CavageSigner build() {
            return new CavageSigner(this);
        }

        private static List<String> headerList(List<String> headers) {
            if (headers.isEmpty()) {
                throw new IllegalArgumentException("headers must not be empty");
            }
            List<String> lower = new ArrayList<>();
            for (String header : headers) {
                lower.add(header.toLowerCase(Locale.ROOT));
            }
            return lower;
        }
    }
}
