package dev.herald.webfinger;

import dev.herald.webfinger.internal.BadInput;
import dev.herald.webfinger.internal.HostMeta;
import dev.herald.webfinger.internal.JrdJson;
import dev.herald.webfinger.internal.Percent;
import dev.herald.webfinger.internal.SafeFetcher;
import dev.herald.webfinger.internal.SafeFetcher.Fetched;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Looks up other people's handles: {@code @user@host} → JRD → ActivityPub actor.
 *
 * <p>A lookup asks {@code https://host/.well-known/webfinger?resource=acct:user@host} and, when that answers 404,
 * falls back as Mastodon does to {@code /.well-known/host-meta} (XRD, else {@code host-meta.json}) and its
 * {@code lrdd} template. Every request, including every redirect hop and every fallback request, is first checked by
 * the {@link NetworkPolicy} (by default https only, public addresses only); at most 3 redirects are followed, bodies
 * are capped at 256 KiB, and each request must complete within 10 seconds (connecting within 5). Each failure is a
 * distinct {@link WebFingerException} subtype.
 *
 * <p>Immutable and thread-safe: share one instance. Lookups block the calling thread.
 */
public final class WebFingerClient {
    private static final String JRD_ACCEPT = "application/jrd+json, application/json;q=0.9";
    private static final String HOST_META_ACCEPT = "application/xrd+xml, application/xml;q=0.9, application/json;q=0.5";

    private final SafeFetcher fetcher;
    private final String scheme;
    private final boolean hostMetaFallback;

    private WebFingerClient(Builder builder, HttpClient http) {
        this.fetcher = new SafeFetcher(
                http,
                builder.policy,
                builder.requestTimeout,
                builder.maxResponseBytes,
                builder.maxRedirects,
                builder.userAgent);
        this.scheme = builder.scheme;
        this.hostMetaFallback = builder.hostMetaFallback;
    }

    /** A client with the defaults: its own HttpClient, {@link NetworkPolicy#publicOnly()}. */
    public static WebFingerClient create() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Looks up a handle or resource: {@code @user@host}, {@code user@host}, {@code acct:user@host}, or an
     * {@code https://} URL (asked of that URL's host).
     *
     * @throws InvalidResourceException if the argument is none of these (before any request is made)
     * @throws WebFingerException if the lookup fails; see the subtypes
     */
    public Jrd lookup(String handleOrResource) throws WebFingerException {
        return lookup(Resource.parseHandle(handleOrResource));
    }

    /**
     * Looks up a resource at its host.
     *
     * @throws WebFingerException if the lookup fails; see the subtypes
     */
    public Jrd lookup(Resource resource) throws WebFingerException {
        Objects.requireNonNull(resource, "resource");
        URI url = URI.create(scheme + "://" + resource.authority() + WebFingerServer.WEBFINGER_PATH + "?resource="
                + Percent.encodeQueryValue(resource.toString()));
        Fetched answer = fetcher.get(url, JRD_ACCEPT);
        if (answer.status() == 404 && hostMetaFallback) {
            return viaHostMeta(resource, answer);
        }
        return jrdFrom(answer, null);
    }

    /**
     * The ActivityPub actor of a handle: the {@code self} link with an ActivityPub media type. Empty when the JRD
     * has none (a GNU social or other non-ActivityPub account).
     *
     * @throws InvalidResourceException if the argument is not a handle or resource
     * @throws WebFingerException if the lookup fails
     */
    public Optional<URI> lookupActor(String handle) throws WebFingerException {
        return lookup(handle).activityPubActor();
    }

    /**
     * Resolves a handle as Mastodon does: looks it up, and if the JRD's subject names another account (a split
     * domain, or a server that canonicalises the host), looks that subject up too and requires it to confirm itself
     * (one subject redirect at most). Empty when the final JRD has no ActivityPub actor.
     *
     * <p>The same call checks a remote actor the way Mastodon checks ours: resolve
     * {@code acct:preferredUsername@actor-host} and compare {@link ResolvedActor#actor()} with the actor's id.
     *
     * @throws InvalidResourceException if the argument is not a handle or resource
     * @throws WebFingerException if a lookup fails, or the subject redirects more than once
     *     ({@link WebFingerException.InvalidJrd})
     */
    public Optional<ResolvedActor> resolveActor(String handle) throws WebFingerException {
        Resource asked = Resource.parseHandle(handle);
        Jrd jrd = lookup(asked);
        Resource subject = subjectOf(jrd, asked);
        if (!sameAccount(subject, asked)) {
            jrd = lookup(subject);
            Resource confirmed = subjectOf(jrd, subject);
            if (!sameAccount(confirmed, subject)) {
                throw new WebFingerException.InvalidJrd(
                        null,
                        "asked for " + asked + ", its server named the subject " + subject + ", whose server named "
                                + confirmed + "; a second subject redirect is refused");
            }
            subject = confirmed;
        }
        Resource canonical = subject;
        Jrd found = jrd;
        return jrd.activityPubActor().map(actor -> new ResolvedActor(canonical, actor, found));
    }

    private static Resource subjectOf(Jrd jrd, Resource asked) throws WebFingerException {
        if (jrd.subject().isEmpty()) {
            return asked;
        }
        return jrd.subjectResource()
                .orElseThrow(() -> new WebFingerException.InvalidJrd(
                        null, "the subject of the JRD for " + asked + " is not an acct, https or mailto URI"));
    }

    // Mastodon compares user and host without regard to case.
    private static boolean sameAccount(Resource a, Resource b) {
        return a.toString().toLowerCase(Locale.ROOT).equals(b.toString().toLowerCase(Locale.ROOT));
    }

    private Jrd viaHostMeta(Resource resource, Fetched notFound) throws WebFingerException {
        String origin = scheme + "://" + resource.authority();
        Fetched hostMeta = fetcher.get(URI.create(origin + WebFingerServer.HOST_META_PATH), HOST_META_ACCEPT);
        if (hostMeta.status() == 404 || hostMeta.status() == 410) {
            hostMeta = fetcher.get(URI.create(origin + WebFingerServer.HOST_META_JSON_PATH), "application/json");
        }
        if (hostMeta.status() != 200) {
            throw new WebFingerException.NotFound(
                    notFound.uri(),
                    notFound.status(),
                    "host-meta fallback: " + hostMeta.uri() + " answered HTTP " + hostMeta.status());
        }
        Optional<String> template;
        try {
            template = HostMeta.lrddTemplate(hostMeta.body());
        } catch (BadInput e) {
            throw new WebFingerException.InvalidJrd(hostMeta.uri(), e.reason());
        }
        if (template.isEmpty() || !template.get().contains("{uri}")) {
            throw new WebFingerException.NotFound(
                    notFound.uri(),
                    notFound.status(),
                    "host-meta fallback: " + hostMeta.uri() + " has no lrdd template with {uri}");
        }
        URI lrdd;
        try {
            String filled = template.get().replace("{uri}", Percent.encodeQueryValue(resource.toString()));
            lrdd = hostMeta.uri().resolve(new URI(filled));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new WebFingerException.InvalidJrd(hostMeta.uri(), "the lrdd template is not a URL template");
        }
        return jrdFrom(fetcher.get(lrdd, JRD_ACCEPT), "found through host-meta at " + hostMeta.uri());
    }

    private static Jrd jrdFrom(Fetched answer, String via) throws WebFingerException {
        int status = answer.status();
        if (status == 404 || status == 410) {
            throw new WebFingerException.NotFound(answer.uri(), status, via);
        }
        if (status != 200) {
            throw new WebFingerException.UnexpectedStatus(answer.uri(), status);
        }
        try {
            return JrdJson.read(answer.body());
        } catch (BadInput e) {
            throw new WebFingerException.InvalidJrd(answer.uri(), e.reason());
        }
    }

    /**
     * Configures a {@link WebFingerClient}. Not thread-safe; {@link #build()} checks the configuration and returns
     * an independent immutable client.
     */
    public static final class Builder {
        private HttpClient httpClient;
        private NetworkPolicy policy = NetworkPolicy.publicOnly();
        private String scheme = "https";
        private Duration connectTimeout;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private long maxResponseBytes = 256 * 1024;
        private int maxRedirects = 3;
        private String userAgent = "herald-webfinger";
        private boolean hostMetaFallback = true;

        private Builder() {}

        /**
         * Uses this HTTP client instead of a new one. It must not follow redirects itself
         * ({@link HttpClient.Redirect#NEVER}): redirects are followed by the lookup so that the policy sees every
         * hop. Its own connect timeout applies.
         */
        public Builder httpClient(HttpClient client) {
            Objects.requireNonNull(client, "httpClient");
            if (client.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("httpClient must use HttpClient.Redirect.NEVER (it follows "
                        + client.followRedirects() + "): the lookup follows redirects itself to check each hop");
            }
            this.httpClient = client;
            return this;
        }

        /** Sets the outbound policy. Default: {@link NetworkPolicy#publicOnly()}. */
        public Builder networkPolicy(NetworkPolicy networkPolicy) {
            this.policy = Objects.requireNonNull(networkPolicy, "networkPolicy");
            return this;
        }

        /**
         * Sets the scheme of the first request: {@code https} (default) or {@code http} for local tests; the
         * policy must also allow http.
         */
        public Builder scheme(String httpScheme) {
            String lower = Objects.requireNonNull(httpScheme, "scheme").toLowerCase(Locale.ROOT);
            if (!lower.equals("https") && !lower.equals("http")) {
                throw new IllegalArgumentException("scheme must be https or http, got " + httpScheme);
            }
            this.scheme = lower;
            return this;
        }

        /** Sets the connect timeout of the client built here (not of an injected one). Default: 5 seconds. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Sets the deadline of each request, for the headers and the whole body. Default: 10 seconds. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Sets the largest response body accepted. Default: 256 KiB. */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1 || bytes > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be between 1 and 64 MiB, got " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** Sets how many redirects one request may follow. Default: 3 (as Mastodon). */
        public Builder maxRedirects(int redirects) {
            if (redirects < 0 || redirects > 20) {
                throw new IllegalArgumentException("maxRedirects must be between 0 and 20, got " + redirects);
            }
            this.maxRedirects = redirects;
            return this;
        }

        /** Sets the User-Agent header. Default: {@code herald-webfinger}. */
        public Builder userAgent(String agent) {
            if (agent == null || agent.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            this.userAgent = agent;
            return this;
        }

        /** Whether a 404 falls back to host-meta, as Mastodon does. Default: yes. */
        public Builder hostMetaFallback(boolean fallback) {
            this.hostMetaFallback = fallback;
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException if a connect timeout was set together with an injected HttpClient
         */
        public WebFingerClient build() {
            if (httpClient != null && connectTimeout != null) {
                throw new IllegalStateException(
                        "connectTimeout applies only to the HttpClient built here; set it on the injected client");
            }
            HttpClient http = httpClient != null
                    ? httpClient
                    : HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(connectTimeout != null ? connectTimeout : Duration.ofSeconds(5))
                            .build();
            return new WebFingerClient(this, http);
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
