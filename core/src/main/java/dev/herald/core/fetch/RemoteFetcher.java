package dev.herald.core.fetch;

import dev.herald.core.fetch.FetchException.Kind;
import dev.herald.core.internal.Checks;
import dev.herald.core.internal.fetch.CappedBody;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.ReadDocument;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one GET every outbound read of Herald goes through: remote actors, keys, objects. Each request is signed
 * (draft-cavage, by the instance actor's key, so that servers in authorized-fetch mode answer) and asks for
 * {@code application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"}.
 *
 * <p>What it enforces, in order: the {@link NetworkPolicy} on the URL and on every redirect hop (at most
 * {@link Builder#maxRedirects 3}, followed here, never by the HTTP client); status 200 (404 and 410 are
 * {@link FetchException.Kind#GONE}); an ActivityPub content type ({@code application/activity+json}, {@code
 * application/ld+json}, tolerated {@code application/json}); the size cap (1 MiB), also against {@code
 * Content-Length}; a connect timeout (5 s) and a deadline for the whole answer (10 s); parsing with the {@link
 * DocumentReader} and its limits; and that the document's {@code id} has the origin of the URL that answered (a
 * server speaks only for its own origin). Every failure is a {@link FetchException}.
 *
 * <p>Immutable and thread-safe: build one and share it.
 */
public final class RemoteFetcher {
    /** What the fetcher asks for. */
    public static final String ACCEPT =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private final HttpClient client;
    private final NetworkPolicy policy;
    private final Supplier<SigningKey> signingKey;
    private final DocumentReader reader;
    private final int maxBytes;
    private final int maxRedirects;
    private final Duration timeout;
    private final String userAgent;

    private RemoteFetcher(Builder b) {
        this.policy = b.policy;
        this.signingKey = b.signingKey;
        this.reader = b.reader;
        this.maxBytes = b.maxBytes;
        this.maxRedirects = b.maxRedirects;
        this.timeout = b.timeout;
        this.userAgent = b.userAgent;
        this.client = b.client != null
                ? b.client
                : HttpClient.newBuilder()
                        .connectTimeout(b.connectTimeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** A builder; the signing key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The network policy every URL is checked against (shared with whoever else fetches). */
    public NetworkPolicy networkPolicy() {
        return policy;
    }

    /**
     * Fetches and reads the document at {@code url}.
     *
     * @throws FetchException if it could not be fetched or is not acceptable
     */
    public FetchedDocument fetch(URI url) {
        Checks.notNull(url, "url");
        URI current = url;
        for (int hop = 0; ; hop++) {
            check(current);
            Answer answer = get(current);
            if (answer.status >= 300 && answer.status < 400 && answer.location != null) {
                if (hop >= maxRedirects) {
                    throw new FetchException(
                            Kind.TOO_MANY_REDIRECTS,
                            url,
                            answer.status,
                            "more than " + maxRedirects + " redirects",
                            null);
                }
                try {
                    current = current.resolve(answer.location);
                } catch (IllegalArgumentException e) {
                    throw new FetchException(
                            Kind.UNEXPECTED_STATUS, current, answer.status, "unusable Location header", e);
                }
                continue;
            }
            return read(url, current, answer.body);
        }
    }

    private void check(URI url) {
        try {
            policy.check(url);
        } catch (NetworkPolicy.Refused e) {
            throw new FetchException(Kind.REFUSED, url, 0, e.reason(), e);
        } catch (IOException e) {
            throw new FetchException(Kind.TRANSPORT, url, 0, "cannot check the address: " + e.getMessage(), e);
        }
    }

    private record Answer(int status, String location, byte[] body) {}

    private Answer get(URI url) {
        HttpMessage.Request signed = CavageSigner.of(signingKey.get())
                .sign(HttpMessage.Request.of("GET", url, HttpFields.empty()), new byte[0]);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(timeout)
                .header("Accept", ACCEPT)
                .header("User-Agent", userAgent);
        signed.fields().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        CompletableFuture<HttpResponse<byte[]>> sent =
                client.sendAsync(request.build(), info -> CappedBody.handle(info, url, maxBytes));
        HttpResponse<byte[]> response;
        try {
            // The request timeout covers the headers only; this deadline covers the body too.
            response = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new FetchException(Kind.TIMEOUT, url, 0, "no complete answer within " + timeout, e);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(Kind.TRANSPORT, url, 0, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FetchException fetch) {
                throw new FetchException(
                        fetch.kind(), fetch.uri(), fetch.status().orElse(0), fetch.getMessage(), e);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new FetchException(Kind.TIMEOUT, url, 0, "no answer within " + timeout, cause);
            }
            throw new FetchException(Kind.TRANSPORT, url, 0, String.valueOf(cause), cause);
        }
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            return new Answer(status, response.headers().firstValue("Location").orElse(null), null);
        }
        if (status == 404 || status == 410) {
            throw new FetchException(Kind.GONE, url, status, "HTTP " + status, null);
        }
        if (status != 200) {
            throw new FetchException(Kind.UNEXPECTED_STATUS, url, status, "HTTP " + status, null);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!isActivityJson(type)) {
            throw new FetchException(
                    Kind.WRONG_CONTENT_TYPE, url, status, "content type '" + type + "' is not ActivityPub JSON", null);
        }
        return new Answer(status, null, response.body());
    }

    /** Whether a {@code Content-Type} is ActivityPub JSON (or plain JSON, which some servers send). */
    public static boolean isActivityJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/activity+json")
                || type.equals("application/ld+json")
                || type.equals("application/json");
    }

    private FetchedDocument read(URI requested, URI from, byte[] body) {
        ReadDocument document;
        try {
            document = reader.read(body);
        } catch (InvalidDocumentException e) {
            Kind kind =
                    e.reason() == InvalidDocumentException.Reason.TOO_LARGE ? Kind.TOO_LARGE : Kind.INVALID_DOCUMENT;
            throw new FetchException(kind, from, 200, e.getMessage(), e);
        }
        JsonValue id = document.json().get("id");
        if (!(id instanceof JsonString idString)) {
            throw new FetchException(Kind.INVALID_DOCUMENT, from, 200, "the document has no id", null);
        }
        URI documentId;
        try {
            documentId = new URI(idString.getString());
        } catch (java.net.URISyntaxException e) {
            throw new FetchException(Kind.INVALID_DOCUMENT, from, 200, "the document's id is not a URI", e);
        }
        if (!sameOrigin(documentId, from)) {
            throw new FetchException(
                    Kind.ORIGIN_MISMATCH,
                    from,
                    200,
                    "the document's id " + documentId + " is on another origin than " + from,
                    null);
        }
        return new FetchedDocument(requested, from, document);
    }

    /** Whether two URIs have the same scheme, host and port (the default port counted as given). */
    public static boolean sameOrigin(URI a, URI b) {
        if (a.getScheme() == null || b.getScheme() == null || a.getHost() == null || b.getHost() == null) {
            return false;
        }
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** Configures a {@link RemoteFetcher}. Not thread-safe. */
    public static final class Builder {
        private Supplier<SigningKey> signingKey;
        private NetworkPolicy policy = NetworkPolicy.publicOnly();
        private DocumentReader reader = DocumentReader.create();
        private int maxBytes = 1 << 20;
        private int maxRedirects = 3;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(10);
        private String userAgent = "herald";
        private HttpClient client;

        private Builder() {}

        /** Sets the key that signs every GET: the instance actor's (required). */
        public Builder signingKey(SigningKey key) {
            Checks.notNull(key, "signingKey");
            this.signingKey = () -> key;
            return this;
        }

        /** Sets where the signing key comes from, for keys read lazily (required, or {@link #signingKey}). */
        public Builder signingKey(Supplier<SigningKey> key) {
            this.signingKey = Checks.notNull(key, "signingKey");
            return this;
        }

        /** Sets the network policy. Default: {@link NetworkPolicy#publicOnly()}. */
        public Builder networkPolicy(NetworkPolicy networkPolicy) {
            this.policy = Checks.notNull(networkPolicy, "networkPolicy");
            return this;
        }

        /** Sets the reader (and so the JSON limits). Default: {@link DocumentReader#create()}. */
        public Builder reader(DocumentReader documentReader) {
            this.reader = Checks.notNull(documentReader, "reader");
            return this;
        }

        /** Sets the largest body read. Default: 1 MiB. */
        public Builder maxBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBytes must be at least 1024, got " + bytes);
            }
            this.maxBytes = bytes;
            return this;
        }

        /** Sets how many redirects are followed. Default: 3. */
        public Builder maxRedirects(int redirects) {
            if (redirects < 0 || redirects > 10) {
                throw new IllegalArgumentException("maxRedirects must be 0 to 10, got " + redirects);
            }
            this.maxRedirects = redirects;
            return this;
        }

        /** Sets the connect timeout. Default: 5 s. Ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration connect) {
            this.connectTimeout = positive(connect, "connectTimeout");
            return this;
        }

        /** Sets the deadline for one request's whole answer, body included. Default: 10 s. */
        public Builder timeout(Duration deadline) {
            this.timeout = positive(deadline, "timeout");
            return this;
        }

        /** Sets the {@code User-Agent}. Default: {@code herald}. */
        public Builder userAgent(String agent) {
            this.userAgent = Checks.notBlank(agent, "userAgent");
            return this;
        }

        /**
         * Sets the HTTP client. It must not follow redirects ({@link HttpClient.Redirect#NEVER}): the fetcher
         * follows them itself, checking every hop.
         */
        public Builder httpClient(HttpClient httpClient) {
            Checks.notNull(httpClient, "httpClient");
            if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("the HTTP client must not follow redirects (Redirect.NEVER)");
            }
            this.client = httpClient;
            return this;
        }

        /** The fetcher. */
        public RemoteFetcher build() {
            if (signingKey == null) {
                throw new IllegalStateException("set the signing key: the instance actor's, to sign every GET");
            }
            return new RemoteFetcher(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
