package dev.herald.signatures;

import dev.herald.signatures.internal.CryptoProviders;
import dev.herald.signatures.internal.HttpDates;
import dev.herald.signatures.sfv.BareItem;
import dev.herald.signatures.sfv.InnerList;
import dev.herald.signatures.sfv.Item;
import dev.herald.signatures.sfv.Parameters;
import dev.herald.signatures.sfv.StructuredFieldException;
import dev.herald.signatures.sfv.StructuredFields;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Signs requests with RFC 9421 HTTP Message Signatures ({@code Signature-Input} and {@code Signature}).
 *
 * <p>The defaults are what Mastodon (4.4 and later) and Fedify verify: label {@code sig1}, components
 * {@code "@method" "@target-uri" "@authority" "date"} and, with a body, {@code "content-digest"} (a
 * {@code Content-Digest: sha-256=:…:} field is added), parameters {@code created} and {@code keyid}, and
 * no {@code alg} (Mastodon takes the algorithm from the key). Existing signatures on the request are kept,
 * so a proxy can add its own.
 *
 * <p>Immutable and thread-safe.
 */
public final class Rfc9421Signer {
    private final SigningKey key;
    /** The key in the RSA provider's own form, converted once (see CryptoProviders). */
    private final Key signingKey;

    private final Clock clock;
    private final String label;
    private final List<Item> componentsWithoutBody;
    private final List<Item> componentsWithBody;
    private final boolean includeAlg;
    private final Optional<Duration> expiresAfter;
    private final Optional<Supplier<String>> nonce;
    private final Optional<String> tag;

    private Rfc9421Signer(Builder builder) {
        this.key = builder.key;
        this.signingKey = CryptoProviders.prepareForSigning(key.key());
        this.clock = builder.clock;
        this.label = builder.label;
        this.componentsWithoutBody = List.copyOf(builder.componentsWithoutBody);
        this.componentsWithBody = List.copyOf(builder.componentsWithBody);
        this.includeAlg = builder.includeAlg;
        this.expiresAfter = builder.expiresAfter;
        this.nonce = builder.nonce;
        this.tag = builder.tag;
    }

    /** A signer with the defaults for {@code key}. */
    public static Rfc9421Signer of(SigningKey key) {
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
     * {@code request} with {@code Date} and {@code Content-Digest} added where covered and absent, and this
     * signature appended to {@code Signature-Input} and {@code Signature}.
     *
     * @param body the body that will be sent, or {@code null} or empty for none
     * @throws IllegalArgumentException if a covered component cannot be computed for the request
     */
    public HttpMessage.Request sign(HttpMessage.Request request, byte[] body) {
        boolean hasBody = body != null && body.length > 0;
        List<Item> components = hasBody ? componentsWithBody : componentsWithoutBody;
        Instant now = clock.instant();
        HttpFields fields = request.fields();
        if (covers(components, "date") && !fields.contains("date")) {
            fields = fields.with("Date", HttpDates.format(now));
        }
        if (covers(components, "content-digest") && !fields.contains("content-digest")) {
            fields = fields.with("Content-Digest", Digests.contentDigest(hasBody ? body : new byte[0]));
        }
        HttpMessage.Request prepared = request.withFields(fields);

        Parameters.Builder params = Parameters.builder().put("created", new BareItem.Integer(now.getEpochSecond()));
        params.put("keyid", new BareItem.String(key.keyId()));
        if (includeAlg) {
            params.put("alg", new BareItem.String(key.algorithm().rfc9421Name()));
        }
        expiresAfter.ifPresent(
                d -> params.put("expires", new BareItem.Integer(now.plus(d).getEpochSecond())));
        nonce.ifPresent(n -> params.put("nonce", new BareItem.String(n.get())));
        tag.ifPresent(t -> params.put("tag", new BareItem.String(t)));
        return attach(prepared, label, new InnerList(components, params.build()), Optional.empty());
    }

    /**
     * Signs {@code message} with exactly the given components and parameters and returns it with the
     * signature attached under {@code label}. For responses, {@code related} is the request they answer.
     */
    <M extends HttpMessage> M attach(
            M message, String label, InnerList signatureParams, Optional<HttpMessage.Request> related) {
        byte[] signature = signatureFor(message, signatureParams, related);
        String input = label + "=" + signatureParams.serialize();
        String value = label + "=" + new Item(new BareItem.ByteSequence(signature), Parameters.EMPTY).serialize();
        HttpFields fields = message.fields().with("Signature-Input", input).with("Signature", value);
        @SuppressWarnings("unchecked")
        M signed = (M)
                (message instanceof HttpMessage.Request
                        ? ((HttpMessage.Request) message).withFields(fields)
                        : new HttpMessage.Response(
                                ((HttpMessage.Response) message).status(), fields, message.trailers()));
        return signed;
    }

    /** The signature bytes over {@code message} for these components and parameters. */
    byte[] signatureFor(HttpMessage message, InnerList signatureParams, Optional<HttpMessage.Request> related) {
        String base;
        try {
            base = SignatureBase.of(signatureParams.items(), signatureParams.parameters(), message, related);
        } catch (ComponentException e) {
            throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
        }
        return key.algorithm().sign(signingKey, base.getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean covers(List<Item> components, String name) {
        for (Item component : components) {
            if (component.value().equals(new BareItem.String(name))
                    && component.parameters().asMap().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A component identifier from its text form: a name, optionally followed by structured-field
     * parameters, e.g. {@code @method}, {@code content-digest}, {@code @query-param;name="q"},
     * {@code example-dict;key="a"}.
     *
     * @throws IllegalArgumentException if it is not well-formed
     */
    static Item component(String text) {
        Objects.requireNonNull(text, "component");
        int semicolon = text.indexOf(';');
        String name = semicolon < 0 ? text : text.substring(0, semicolon);
        String params = semicolon < 0 ? "" : text.substring(semicolon);
        try {
            Item item = StructuredFields.parseItem("\"" + name + "\"" + params);
            if (!name.startsWith("@") && !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("field component names are lower case: " + name);
            }
            return item;
        } catch (StructuredFieldException e) {
            throw new IllegalArgumentException("malformed component " + text + ": " + e.getMessage(), e);
        }
    }

    /** Builds an {@link Rfc9421Signer}. Not thread-safe. */
    public static final class Builder {
        private final SigningKey key;
        private Clock clock = Clock.systemUTC();
        private String label = "sig1";
        private List<Item> componentsWithoutBody = items("@method", "@target-uri", "@authority", "date");
        private List<Item> componentsWithBody = items("@method", "@target-uri", "@authority", "date", "content-digest");
        private boolean includeAlg;
        private Optional<Duration> expiresAfter = Optional.empty();
        private Optional<Supplier<String>> nonce = Optional.empty();
        private Optional<String> tag = Optional.empty();

        private Builder(SigningKey key) {
            this.key = Objects.requireNonNull(key, "key");
        }

        /** The clock for {@code created}, {@code expires} and {@code Date}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The signature label; default {@code sig1}. */
        public Builder label(String label) {
            if (!label.matches("[a-z*][a-z0-9_.*-]{0,63}")) {
                throw new IllegalArgumentException("label must be a structured-field key: " + label);
            }
            this.label = label;
            return this;
        }

        /** Components covered on requests without a body (text form, see the class comment). */
        public Builder componentsWithoutBody(List<String> components) {
            this.componentsWithoutBody = items(components.toArray(String[]::new));
            return this;
        }

        /** Components covered on requests with a body. */
        public Builder componentsWithBody(List<String> components) {
            this.componentsWithBody = items(components.toArray(String[]::new));
            return this;
        }

        /** Whether to send the {@code alg} parameter; default {@code false}, as Mastodon does. */
        public Builder includeAlg(boolean includeAlg) {
            this.includeAlg = includeAlg;
            return this;
        }

        /** Adds an {@code expires} parameter this long after {@code created}. */
        public Builder expiresAfter(Duration expiresAfter) {
            if (expiresAfter.isNegative() || expiresAfter.isZero()) {
                throw new IllegalArgumentException("expiresAfter must be positive: " + expiresAfter);
            }
            this.expiresAfter = Optional.of(expiresAfter);
            return this;
        }

        /** Adds a {@code nonce} parameter from this supplier to every signature. */
        public Builder nonce(Supplier<String> nonce) {
            this.nonce = Optional.of(nonce);
            return this;
        }

        /** Adds a {@code tag} parameter naming the application profile. */
        public Builder tag(String tag) {
            this.tag = Optional.of(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        /** The signer. */
        public Rfc9421Signer build() {
            return new Rfc9421Signer(this);
        }

        private static List<Item> items(String... components) {
            if (components.length == 0) {
                throw new IllegalArgumentException("components must not be empty");
            }
            List<Item> items = new ArrayList<>(components.length);
            for (String component : components) {
                items.add(component(component));
            }
            return items;
        }
    }
}
