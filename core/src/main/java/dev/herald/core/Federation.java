package dev.herald.core;

import dev.herald.core.actor.ActorDocuments;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.delivery.DeliveryEngine;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.inbox.ActivitySender;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.inbox.InboxSettings;
import dev.herald.core.inbox.internal.InboxWiring;
import dev.herald.core.internal.Checks;
import dev.herald.core.internal.http.Dispatcher;
import dev.herald.core.internal.http.Site;
import dev.herald.core.internal.keys.ActorKeys;
import dev.herald.core.outbox.Outbox;
import dev.herald.core.outbox.Publishing;
import dev.herald.core.outbox.internal.PublishingWiring;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.KeyResolver;
import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The front door: the site's actors on the fediverse. Build one at start-up, hand every HTTP request to
 * {@link #handle(HeraldRequest)} (the servlet filter {@code dev.herald.servlet.HeraldFilter} does that), and
 * answer with what it returns.
 *
 * <p>{@code handle} answers what is Herald's and returns empty for the rest, so that the site's own pages keep
 * working, at the same URLs too: a browser asking for {@code https://www.example.org/ap/actors/news} gets the
 * site's page (empty), a server asking for {@code application/activity+json} gets the actor.
 *
 * <table>
 *   <caption>What {@code handle} answers (base path {@code /ap})</caption>
 *   <tr><th>path</th><th>answer</th></tr>
 *   <tr><td>{@code /.well-known/webfinger}, {@code /.well-known/host-meta}, {@code /.well-known/host-meta.json}</td>
 *       <td>WebFinger for every configured actor and the instance actor, on the handle host and the origin's host</td></tr>
 *   <tr><td>{@code /.well-known/nodeinfo}, {@code /ap/nodeinfo/2.1}, {@code /ap/nodeinfo/2.0}</td>
 *       <td>NodeInfo</td></tr>
 *   <tr><td>{@code /ap/actors/{username}}</td><td>the actor, to ActivityPub clients</td></tr>
 *   <tr><td>{@code /ap/actors/{username}/outbox}, {@code /followers}, {@code /following}, {@code /featured}
 *       (with {@code ?page=…})</td><td>its collections, to ActivityPub clients</td></tr>
 *   <tr><td>{@code /ap/actor}, {@code /ap/actor/outbox}</td><td>the instance actor, to ActivityPub clients</td></tr>
 *   <tr><td>{@code /ap/inbox}, {@code /ap/actor/inbox}, {@code /ap/actors/{username}/inbox}</td>
 *       <td>POST: the inbox ({@link Inbox}: 202 once verified and stored, 4xx with a JSON reason); other
 *       methods: 405</td></tr>
 *   <tr><td>any other path under {@code /ap/}</td><td>the stored object with that id (200), its Tombstone (410),
 *       or 404, to ActivityPub clients; likewise the quote authorizations given ({@code
 *       /ap/actors/{username}/quote-authorizations/{id}}, FEP-044f)</td></tr>
 *   <tr><td>anything else</td><td>empty</td></tr>
 * </table>
 *
 * <p>With authorized fetch on, GETs of collections and objects need an HTTP signature from a domain that is not
 * blocked (401 unsigned, 403 blocked); actors, the instance actor, WebFinger and NodeInfo stay public, since others
 * need them to verify Herald's signatures.
 *
 * <p>Key pairs (RSA-2048) are generated and stored on the first build and read from the store afterwards.
 *
 * <p>Immutable and thread-safe: build one and share it. The {@link Builder} is not thread-safe.
 */
public final class Federation implements AutoCloseable {
    /** The default base path of Herald's URLs. */
    public static final String DEFAULT_BASE_PATH = "/ap";
    /** The default number of items on a collection page. */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** The default largest request body: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private final ActorUrls urls;
    private final String handleHost;
    private final Map<String, ActorProfile> profiles;
    private final int maxBodyBytes;
    private final Dispatcher dispatcher;
    private final Inbox inbox;
    private final PublishingWiring.Wired publishing;

    private Federation(Builder b) {
        this.urls = ActorUrls.of(b.origin, b.basePath);
        this.handleHost = b.handleHost != null ? b.handleHost : urls.authority();
        this.profiles = Map.copyOf(b.profiles);
        this.maxBodyBytes = b.maxBodyBytes;
        ActorKeys keys = new ActorKeys(b.store.keyPairs(), b.clock);
        // Generate (or read) every key pair now, not on a remote server's first fetch.
        keys.pair(ActorKeys.INSTANCE);
        b.profiles.keySet().forEach(keys::pair);
        ActorDocuments documents = new ActorDocuments(urls, handleHost);
        Site site = new Site(
                urls,
                handleHost,
                b.profiles,
                documents,
                b.store,
                keys,
                b.clock,
                b.softwareVersion,
                b.pageSize,
                b.maxBodyBytes,
                b.authorizedFetch);
        this.publishing = PublishingWiring.wire(
                b.publishing,
                urls,
                b.profiles.keySet(),
                b.store,
                b.clock,
                b.networkPolicy,
                "herald/" + b.softwareVersion + " (+" + urls.origin() + "/)");
        // The inbox's remote actors, key cache and fetcher; authorized fetch verifies with the same keys. Its
        // Accepts go through the delivery queue.
        InboxWiring wiring = InboxWiring.of(
                new InboxWiring.Parts(
                        urls,
                        b.profiles,
                        b.store,
                        b.clock,
                        b.networkPolicy,
                        b.blockedDomains,
                        b.inboxSettings != null
                                ? b.inboxSettings
                                : InboxSettings.builder()
                                        .maxBodyBytes(b.maxBodyBytes)
                                        .build(),
                        b.inboxListener,
                        b.inboxSender != null
                                ? b.inboxSender
                                : ActivitySender.queued(b.store, publishing.delivery()::wakeUp, b.clock),
                        "herald/" + b.softwareVersion + " (+" + urls.origin() + "/)"),
                keys);
        this.inbox = wiring.inbox();
        publishing.useRemoteActors(wiring.remoteActors());
        KeyResolver resolver =
                b.keyResolver != null ? b.keyResolver : wiring.remoteActors().keyResolver();
        this.dispatcher = new Dispatcher(
                site, resolver, b.blockedDomains, r -> inbox.receive(r).toResponse());
    }

    /** A builder; the origin and at least one actor are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers {@code request} if it is Herald's; empty means the site should answer it (pass it on down the filter
     * chain). Never throws for bad input: malformed requests get a 4xx with a JSON {@code {"error": …}} body, a
     * failing store a 503.
     */
    public Optional<HeraldResponse> handle(HeraldRequest request) {
        return dispatcher.handle(Checks.notNull(request, "request"));
    }

    /**
     * Whether the answer at {@code path} depends on the {@code Accept} header: ActivityPub JSON for servers, the
     * site's page for browsers. Herald's own answers there carry {@code Vary: Accept}; when {@link #handle} returns
     * empty for such a path, the adapter should add {@code Vary: Accept} to the site's answer too, so that caches
     * keep the two apart ({@code HeraldFilter} does).
     */
    public boolean variesByAccept(String path) {
        return dispatcher.variesByAccept(Checks.notNull(path, "path"));
    }

    /**
     * Whether Herald reads the body of a {@code method} request to {@code path} (a POST to an inbox). An adapter
     * reads the body only then, so that the site can still read the bodies of its own requests.
     */
    public boolean readsBody(String method, String path) {
        return dispatcher.readsBody(Checks.notNull(method, "method"), Checks.notNull(path, "path"));
    }

    /** The largest request body Herald accepts; larger ones get 413. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * The inboxes: approve or reject follow requests, reload the {@linkplain Inbox#blocklist() blocklist}, {@link
     * Inbox#close() stop} the workers. Its workers start when the federation is built.
     */
    public Inbox inbox() {
        return inbox;
    }

    /** Where the site publishes, updates, deletes and pins posts (see {@link Outbox}). */
    public Outbox outbox() {
        return publishing.outbox();
    }

    /** The delivery engine: its {@link DeliveryEngine#status() status}; {@link DeliveryEngine#close() stop} it. */
    public DeliveryEngine delivery() {
        return publishing.delivery();
    }

    /**
     * Stops the delivery engine (requests in flight may finish for its grace period; the rest stay queued for the
     * next start) and the inbox workers. The store is the caller's to close. Idempotent.
     */
    @Override
    public void close() {
        try {
            publishing.delivery().close();
        } finally {
            inbox.close();
        }
    }

    /** Where Herald's documents live. */
    public ActorUrls urls() {
        return urls;
    }

    /** The host in the handles, e.g. {@code example.org} in {@code @news@example.org}. */
    public String handleHost() {
        return handleHost;
    }

    /** The configured actors by username. */
    public Map<String, ActorProfile> actors() {
        return profiles;
    }

    /**
     * The id of the actor {@code username}.
     *
     * @throws IllegalArgumentException if no actor has that username
     */
    public URI actorId(String username) {
        return urls.actor(known(username));
    }

    /**
     * The handle of the actor {@code username}, e.g. {@code @news@example.org}.
     *
     * @throws IllegalArgumentException if no actor has that username
     */
    public String handleOf(String username) {
        return "@" + known(username) + "@" + handleHost;
    }

    @Override
    public String toString() {
        return "Federation[" + urls.origin() + urls.basePath() + ", actors=" + profiles.keySet() + "]";
    }

    private String known(String username) {
        if (!profiles.containsKey(Checks.notNull(username, "username"))) {
            throw new IllegalArgumentException(
                    "no actor '" + username + "' is configured; known: " + profiles.keySet());
        }
        return username;
    }

    private static String version() {
        try (InputStream in = Federation.class.getResourceAsStream("herald-version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.startsWith("$")) {
                    return version;
                }
            }
        } catch (IOException e) {
            // Fall through to the placeholder.
        }
        return "0.0.0-unknown";
    }

    /** Configures a {@link Federation}. Not thread-safe; {@link #build()} checks everything. */
    public static final class Builder {
        private URI origin;
        private String handleHost;
        private String basePath = DEFAULT_BASE_PATH;
        private final Map<String, ActorProfile> profiles = new LinkedHashMap<>();
        private HeraldStore store;
        private Clock clock = Clock.systemUTC();
        private String softwareVersion = version();
        private int pageSize = DEFAULT_PAGE_SIZE;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean authorizedFetch;
        private final Set<String> blockedDomains = new LinkedHashSet<>();
        private KeyResolver keyResolver;
        private NetworkPolicy networkPolicy = NetworkPolicy.publicOnly();
        InboxSettings inboxSettings;
        InboxListener inboxListener = new InboxListener() {};
        ActivitySender inboxSender;
        private Publishing publishing = Publishing.defaults();

        private Builder() {}

        /**
         * Sets the inbox's limits and worker threads. Default: {@link InboxSettings#defaults()}, with the body limit
         * of {@link #maxBodyBytes}.
         */
        public Builder inboxSettings(InboxSettings settings) {
            this.inboxSettings = Checks.notNull(settings, "inboxSettings");
            return this;
        }

        /** Sets who hears about processed activities (follows, likes, replies…). Default: nobody. */
        public Builder inboxListener(InboxListener listener) {
            this.inboxListener = Checks.notNull(listener, "inboxListener");
            return this;
        }

        /**
         * Sets how the inbox sends the {@code Accept}s and {@code Reject}s it produces. Default: a signed POST at
         * once, through the {@linkplain #networkPolicy network policy}.
         */
        public Builder inboxSender(ActivitySender sender) {
            this.inboxSender = Checks.notNull(sender, "inboxSender");
            return this;
        }

        /**
         * Sets how posts are published and delivered (ids, Article threshold, mentions, delivery limits, whether
         * this node runs delivery workers). Default: {@link Publishing#defaults()}.
         */
        public Builder publishing(Publishing config) {
            this.publishing = Checks.notNull(config, "publishing");
            return this;
        }

        /**
         * Sets the site's public origin, e.g. {@code https://www.example.org} (required). Ids are built from it,
         * never from a request's {@code Host} header, so it must be the origin people and servers reach, also
         * behind a reverse proxy. Published ids never change: neither must this.
         */
        public Builder origin(URI publicOrigin) {
            this.origin = Checks.notNull(publicOrigin, "origin");
            return this;
        }

        /**
         * Sets the host in the handles when it differs from the origin's ({@code example.org} for a site at
         * {@code https://www.example.org}: {@code @news@example.org}). That host must then serve (or redirect)
         * {@code /.well-known/webfinger} too. Default: the origin's host (and port, if not the default).
         */
        public Builder handleHost(String host) {
            String h = Checks.notBlank(host, "handleHost").toLowerCase(Locale.ROOT);
            if (h.contains("/") || h.contains("@") || h.contains(" ")) {
                throw new IllegalArgumentException("handleHost must be a host like example.org, got '" + host + "'");
            }
            this.handleHost = h;
            return this;
        }

        /** Sets where Herald's URLs start. Default: {@value #DEFAULT_BASE_PATH}. Never change it once published. */
        public Builder basePath(String path) {
            this.basePath = Checks.notNull(path, "basePath");
            return this;
        }

        /**
         * Adds an actor.
         *
         * @throws IllegalArgumentException if an actor with the same username (in any case) was added already
         */
        public Builder addActor(ActorProfile profile) {
            Checks.notNull(profile, "profile");
            for (String existing : profiles.keySet()) {
                if (existing.equalsIgnoreCase(profile.username())) {
                    throw new IllegalArgumentException("two actors named '" + profile.username()
                            + "': usernames must differ in more than case (WebFinger ignores case)");
                }
            }
            profiles.put(profile.username(), profile);
            return this;
        }

        /** Sets where Herald keeps its state. Default: a new {@link InMemoryStore} (lost on restart). */
        public Builder store(HeraldStore heraldStore) {
            this.store = Checks.notNull(heraldStore, "store");
            return this;
        }

        /** Sets the clock (dates, signature windows, NodeInfo activity). Default: the system clock, UTC. */
        public Builder clock(Clock timeSource) {
            this.clock = Checks.notNull(timeSource, "clock");
            return this;
        }

        /** Sets the version NodeInfo reports. Default: this library's version. */
        public Builder softwareVersion(String version) {
            this.softwareVersion = Checks.notBlank(version, "softwareVersion");
            return this;
        }

        /**
         * Sets how many items a collection page holds. Default: {@value #DEFAULT_PAGE_SIZE}.
         *
         * @throws IllegalArgumentException unless 1 to {@link PageRequest#MAX_LIMIT}
         */
        public Builder pageSize(int items) {
            if (items < 1 || items > PageRequest.MAX_LIMIT) {
                throw new IllegalArgumentException(
                        "pageSize must be between 1 and " + PageRequest.MAX_LIMIT + ", got " + items);
            }
            this.pageSize = items;
            return this;
        }

        /**
         * Sets the largest request body accepted (an inbox POST); larger ones get 413. Default: 1 MiB.
         *
         * @throws IllegalArgumentException unless 1 KiB to 64 MiB
         */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024 || bytes > 64 << 20) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 KiB and 64 MiB, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Requires an HTTP signature on GETs of collections and objects (Mastodon's "secure mode"). The actors,
         * WebFinger and NodeInfo stay public. Default: off.
         */
        public Builder authorizedFetch(boolean required) {
            this.authorizedFetch = required;
            return this;
        }

        /**
         * Blocks a domain and its subdomains: with authorized fetch, their signed fetches get 403 (and their keys
         * are not fetched).
         */
        public Builder blockDomain(String domain) {
            String d = Checks.notBlank(domain, "domain").toLowerCase(Locale.ROOT);
            if (d.contains("/") || d.contains(":") || d.contains(" ") || d.startsWith(".")) {
                throw new IllegalArgumentException("a blocked domain looks like spam.example, got '" + domain + "'");
            }
            blockedDomains.add(d);
            return this;
        }

        /**
         * Sets how signers' public keys are found for authorized fetch. Default: fetch the key's document
         * (signed by the instance actor, through the {@linkplain #networkPolicy network policy}) and cache it for
         * an hour.
         */
        public Builder keyResolver(KeyResolver resolver) {
            this.keyResolver = Checks.notNull(resolver, "keyResolver");
            return this;
        }

        /**
         * Sets which URLs Herald may fetch (remote keys, later remote actors). Default:
         * {@link NetworkPolicy#publicOnly()}; {@link NetworkPolicy#allowPrivateNetwork()} is for local tests only.
         */
        public Builder networkPolicy(NetworkPolicy policy) {
            this.networkPolicy = Checks.notNull(policy, "networkPolicy");
            return this;
        }

        /**
         * The federation. Generates and stores the key pairs that do not exist yet.
         *
         * @throws IllegalStateException if the origin or every actor is missing
         * @throws IllegalArgumentException if the origin or base path is malformed
         */
        public Federation build() {
            if (origin == null) {
                throw new IllegalStateException("set the origin: the site's public https://… address");
            }
            if (profiles.isEmpty()) {
                throw new IllegalStateException(
                        "add at least one actor: addActor(ActorProfile.builder(\"news\")…build())");
            }
            if (store == null) {
                store = new InMemoryStore();
            }
            return new Federation(this);
        }
    }
}
