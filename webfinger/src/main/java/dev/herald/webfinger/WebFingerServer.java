package dev.herald.webfinger;

import dev.herald.webfinger.internal.Authority;
import dev.herald.webfinger.internal.BadInput;
import dev.herald.webfinger.internal.HostMeta;
import dev.herald.webfinger.internal.QueryString;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of WebFinger (RFC 7033) and host-meta (RFC 6415), independent of any web framework: hand it a
 * {@link WebFingerRequest}, copy the {@link WebFingerResponse} back.
 *
 * <p>It answers {@code /.well-known/webfinger} for resources on the configured hosts: {@code acct:user@host}
 * (percent-encoded or not, with the scheme and host in any case, with a port), {@code https://} actor or profile URLs
 * and {@code mailto:} addresses, with any number of {@code rel} filters. The {@link ResourceResolver} decides which
 * resources exist. JRDs go out as {@code application/jrd+json} with {@code Access-Control-Allow-Origin: *} and a
 * {@code Cache-Control} header.
 *
 * <p>Errors never become a 500: no, empty, repeated, malformed, oversized or binary {@code resource} → 400 with the
 * reason in a text body; a resource this site does not have, or one for another host → 404; a resolver that throws →
 * 503; a method other than GET, HEAD or OPTIONS → 405.
 *
 * <p><b>Split domains.</b> The handle host ({@code @org@example.org}) may differ from the host that serves the actor
 * ({@code https://www.example.org/actor}). Configure the first with {@link Builder#handleHost(String)} and the second
 * with {@link Builder#actorHost(String)}, serve this handler on both, and let the resolver answer every form with the
 * subject {@code acct:org@example.org}. Mastodon's check then passes: it fetches the actor, asks
 * {@code www.example.org} for {@code acct:org@www.example.org}, sees the subject {@code acct:org@example.org}, asks
 * {@code example.org} for that, and finds the {@code self} link equal to the actor id.
 *
 * <p>Immutable and thread-safe once built; the resolver must be thread-safe too.
 */
public final class WebFingerServer {
    /** The WebFinger path (RFC 7033 §10.1). */
    public static final String WEBFINGER_PATH = "/.well-known/webfinger";
    /** The host-meta path (RFC 6415), XRD by default. */
    public static final String HOST_META_PATH = "/.well-known/host-meta";
    /** The JSON form of host-meta (RFC 6415 appendix A). */
    public static final String HOST_META_JSON_PATH = "/.well-known/host-meta.json";
    /** The WebFinger media type. */
    public static final String JRD_MEDIA_TYPE = "application/jrd+json";

    private static final System.Logger LOG = System.getLogger(WebFingerServer.class.getName());
    private static final String XRD_MEDIA_TYPE = "application/xrd+xml; charset=utf-8";
    private static final byte[] NO_BODY = new byte[0];

    private final Set<String> handleHosts;
    private final Set<String> servedHosts;
    private final ResourceResolver resolver;
    private final String template;
    private final String cacheControl;
    private final int maxResourceLength;
    private final int maxQueryLength;

    private WebFingerServer(Builder builder) {
        this.handleHosts = Set.copyOf(builder.handleHosts);
        LinkedHashSet<String> served = new LinkedHashSet<>(builder.handleHosts);
        served.addAll(builder.actorHosts);
        this.servedHosts = Set.copyOf(served);
        this.resolver = builder.resolver;
        URI origin = builder.origin != null
                ? builder.origin
                : URI.create("https://" + builder.handleHosts.iterator().next());
        String base = origin.toString().endsWith("/")
                ? origin.toString().substring(0, origin.toString().length() - 1)
                : origin.toString();
        this.template = base + WEBFINGER_PATH + "?resource={uri}";
        this.cacheControl = "public, max-age=" + builder.cacheMaxAge.toSeconds();
        this.maxResourceLength = builder.maxResourceLength;
        this.maxQueryLength = builder.maxQueryLength;
    }

    /** A new builder; a handle host and a resolver are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers a request for one of the three well-known paths; empty for any other path (the caller passes it on).
     */
    public Optional<WebFingerResponse> handle(WebFingerRequest request) {
        String path = request.path();
        if (!path.equals(WEBFINGER_PATH) && !path.equals(HOST_META_PATH) && !path.equals(HOST_META_JSON_PATH)) {
            return Optional.empty();
        }
        String method = request.method().toUpperCase(Locale.ROOT);
        if (method.equals("OPTIONS")) {
            return Optional.of(options());
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Map<String, String> headers = errorHeaders();
            headers.put("Allow", "GET, HEAD, OPTIONS");
            return Optional.of(text(405, headers, "method " + abbreviate(request.method()) + " not allowed"));
        }
        WebFingerResponse response;
        if (path.equals(WEBFINGER_PATH)) {
            response = webFinger(request.rawQuery());
        } else if (path.equals(HOST_META_JSON_PATH) || prefersJson(request.accept())) {
            response = hostMetaJson();
        } else {
            response = hostMeta();
        }
        return Optional.of(method.equals("HEAD") ? withoutBody(response) : response);
    }

    /**
     * Answers a WebFinger query given as the raw (still percent-encoded) query string.
     *
     * @param rawQuery the query without {@code ?}, e.g. {@code resource=acct%3Aorg%40example.org&rel=self}
     */
    public WebFingerResponse webFinger(String rawQuery) {
        if (rawQuery.length() > maxQueryLength) {
            return badRequest("the query is longer than " + maxQueryLength + " characters");
        }
        Map<String, List<String>> parameters;
        try {
            parameters = QueryString.parse(rawQuery);
        } catch (BadInput e) {
            return badRequest(e.reason());
        }
        return webFinger(parameters);
    }

    /**
     * Answers a WebFinger query whose parameters the web framework has already decoded.
     *
     * @param parameters the query parameters by name; only {@code resource} and {@code rel} are read
     */
    public WebFingerResponse webFinger(Map<String, List<String>> parameters) {
        List<String> resources = parameters.get("resource");
        if (resources == null || resources.isEmpty()) {
            return badRequest("the resource parameter is missing");
        }
        if (resources.size() > 1) {
            return badRequest("more than one resource parameter");
        }
        String value = resources.get(0);
        if (value == null || value.isEmpty()) {
            return badRequest("the resource parameter is empty");
        }
        if (value.length() > maxResourceLength) {
            return badRequest("the resource is longer than " + maxResourceLength + " characters");
        }
        Resource resource;
        try {
            resource = Resource.parse(value);
        } catch (InvalidResourceException e) {
            return badRequest(e.reason());
        }
        List<String> rels = new ArrayList<>();
        List<String> relParameters = parameters.get("rel");
        for (String rel : relParameters == null ? List.<String>of() : relParameters) {
            if (rel != null && !rel.isEmpty()) {
                rels.add(rel);
            }
        }
        if (!servedHosts.contains(resource.authority())) {
            return notFound("this server does not answer for resources on " + abbreviate(resource.authority()));
        }
        Optional<Jrd> found;
        try {
            found = resolver.resolve(resource);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "WebFinger resolver failed for " + resource, e);
            return text(503, errorHeaders(), "the resource could not be looked up; try again later");
        }
        if (found == null || found.isEmpty()) {
            return notFound("no such resource");
        }
        Jrd jrd = found.get().withRels(rels);
        if (jrd.subject().isEmpty()) {
            jrd = jrd.toBuilder().subject(resource).build();
        }
        Map<String, String> headers = successHeaders(JRD_MEDIA_TYPE);
        return new WebFingerResponse(200, headers, jrd.toJson());
    }

    /** The XRD host-meta document, whose {@code lrdd} template points at this server's WebFinger endpoint. */
    public WebFingerResponse hostMeta() {
        Map<String, String> headers = successHeaders(XRD_MEDIA_TYPE);
        headers.put("Vary", "Accept");
        return new WebFingerResponse(200, headers, HostMeta.xrd(template));
    }

    /** The JSON host-meta document, with the same {@code lrdd} template. */
    public WebFingerResponse hostMetaJson() {
        Map<String, String> headers = successHeaders("application/json");
        headers.put("Vary", "Accept");
        return new WebFingerResponse(200, headers, HostMeta.json(template));
    }

    /** The {@code lrdd} template that host-meta advertises, e.g. {@code https://example.org/.well-known/webfinger?resource={uri}}. */
    public String lrddTemplate() {
        return template;
    }

    /** The handle hosts this server was configured with (lower case, with a port if one was given). */
    public Set<String> handleHosts() {
        return handleHosts;
    }

    private static boolean prefersJson(String accept) {
        String lower = accept.toLowerCase(Locale.ROOT);
        return lower.contains("json") && !lower.contains("xml");
    }

    private WebFingerResponse options() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
        headers.put("Allow", "GET, HEAD, OPTIONS");
        return new WebFingerResponse(204, headers, NO_BODY);
    }

    private Map<String, String> successHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Cache-Control", cacheControl);
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    private static Map<String, String> errorHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Access-Control-Allow-Origin", "*");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    private static WebFingerResponse badRequest(String reason) {
        return text(400, errorHeaders(), reason);
    }

    private static WebFingerResponse notFound(String reason) {
        return text(404, errorHeaders(), reason);
    }

    private static WebFingerResponse text(int status, Map<String, String> headers, String reason) {
        return new WebFingerResponse(status, headers, (reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static WebFingerResponse withoutBody(WebFingerResponse response) {
        return new WebFingerResponse(response.status(), response.headers(), NO_BODY);
    }

    // Reasons are sent back to the client: keep echoed input short and printable.
    private static String abbreviate(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 64; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.length() < text.length() ? out + "…" : out.toString();
    }

    /**
     * Configures a {@link WebFingerServer}. Not thread-safe; {@link #build()} checks the configuration and returns
     * an independent immutable server.
     */
    public static final class Builder {
        private final Set<String> handleHosts = new LinkedHashSet<>();
        private final Set<String> actorHosts = new LinkedHashSet<>();
        private ResourceResolver resolver;
        private URI origin;
        private Duration cacheMaxAge = Duration.ofHours(1);
        private int maxResourceLength = 1024;
        private int maxQueryLength = 4096;

        private Builder() {}

        /**
         * Adds a host that handles are under ({@code example.org} in {@code @org@example.org}), optionally with a
         * port. The first one is where host-meta points to, unless {@link #origin(URI)} says otherwise.
         *
         * @throws IllegalArgumentException if it is not a valid host[:port]
         */
        public Builder handleHost(String authority) {
            handleHosts.add(normalize(authority, "handleHost"));
            return this;
        }

        /**
         * Adds a host where actors are served when it differs from the handle host ({@code www.example.org}).
         * Resources on it ({@code acct:org@www.example.org}, {@code https://www.example.org/users/org}) are
         * answered too, so that Mastodon's reverse check works.
         *
         * @throws IllegalArgumentException if it is not a valid host[:port]
         */
        public Builder actorHost(String authority) {
            actorHosts.add(normalize(authority, "actorHost"));
            return this;
        }

        /** Sets the application's resolver (required). */
        public Builder resolver(ResourceResolver resourceResolver) {
            this.resolver = Objects.requireNonNull(resourceResolver, "resolver");
            return this;
        }

        /**
         * Sets the origin that serves WebFinger, used in the host-meta template. Default: {@code https://} and the
         * first handle host.
         *
         * @throws IllegalArgumentException unless it is an http(s) origin without path, query or fragment
         */
        public Builder origin(URI webFingerOrigin) {
            Objects.requireNonNull(webFingerOrigin, "origin");
            String scheme = webFingerOrigin.getScheme();
            boolean http = "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
            String path = webFingerOrigin.getRawPath();
            if (!http
                    || webFingerOrigin.getHost() == null
                    || (path != null && !path.isEmpty() && !path.equals("/"))
                    || webFingerOrigin.getRawQuery() != null
                    || webFingerOrigin.getRawFragment() != null) {
                throw new IllegalArgumentException("origin must look like https://example.org, got " + webFingerOrigin);
            }
            this.origin = webFingerOrigin;
            return this;
        }

        /**
         * Sets how long clients may cache a JRD or host-meta answer ({@code Cache-Control: public, max-age=…}).
         * Default: one hour. Errors are sent with {@code no-store}.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder cacheMaxAge(Duration maxAge) {
            if (maxAge == null || maxAge.isNegative()) {
                throw new IllegalArgumentException("cacheMaxAge must be zero or positive, got " + maxAge);
            }
            this.cacheMaxAge = maxAge;
            return this;
        }

        /**
         * Sets the longest decoded {@code resource} accepted; longer ones get 400. Default: 1024 characters.
         *
         * @throws IllegalArgumentException if below 16
         */
        public Builder maxResourceLength(int characters) {
            if (characters < 16) {
                throw new IllegalArgumentException("maxResourceLength must be at least 16, got " + characters);
            }
            this.maxResourceLength = characters;
            return this;
        }

        /**
         * Sets the longest raw query string accepted; longer ones get 400. Default: 4096 characters.
         *
         * @throws IllegalArgumentException if below 16
         */
        public Builder maxQueryLength(int characters) {
            if (characters < 16) {
                throw new IllegalArgumentException("maxQueryLength must be at least 16, got " + characters);
            }
            this.maxQueryLength = characters;
            return this;
        }

        /**
         * The server.
         *
         * @throws IllegalStateException if no handle host or no resolver was set
         */
        public WebFingerServer build() {
            if (handleHosts.isEmpty()) {
                throw new IllegalStateException("set at least one handleHost (the host in @user@host)");
            }
            if (resolver == null) {
                throw new IllegalStateException("set a resolver: it says which resources exist");
            }
            return new WebFingerServer(this);
        }

        private static String normalize(String authority, String name) {
            if (authority == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            try {
                return Authority.parse(authority).toString();
            } catch (BadInput e) {
                throw new IllegalArgumentException(name + " '" + authority + "' is not a host[:port]: " + e.reason());
            }
        }
    }
}
