package dev.herald.core.fetch;

import dev.herald.core.internal.Checks;
import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.store.RemoteActor;
import dev.herald.core.store.RemoteActorCache;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.PublicKey;
import dev.herald.signatures.KeyIds;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Pem;
import dev.herald.signatures.VerificationKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote actors and their public keys: fetched through the {@link RemoteFetcher}, kept in the store's {@link
 * RemoteActorCache} until they expire (a day by default), with the parsed keys also kept in memory.
 *
 * <p>A key id is dereferenced as the fediverse does it: the key id without its fragment is fetched; it is either the
 * actor (Mastodon's {@code …#main-key}), whose {@code publicKey} with that id must name the actor as owner, or a
 * stand-alone key document whose {@code owner} is then fetched and must list the key. A key only speaks for an
 * actor on its own origin.
 *
 * <p>Documents that answer 404 or 410 go into a negative cache (an hour by default), so that a deleted actor's
 * {@code Delete}, which arrives again and again from every server that knew it, costs one fetch, not one per
 * delivery; other failures are remembered for a short while (30 s) for the same reason. Concurrent lookups of the
 * same document share one fetch. A stale cache entry is used when refetching it fails.
 *
 * <p>Thread-safe.
 */
public final class RemoteActors {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteActors.class);
    private static final int MAX_MEMORY_ENTRIES = 50_000;

    private final RemoteFetcher fetcher;
    private final RemoteActorCache cache;
    private final Clock clock;
    private final Duration ttl;
    private final Duration goneTtl;
    private final Duration failureTtl;
    private final DocumentReader reader = DocumentReader.create();
    private final Map<String, Timed<VerificationKey>> keys = new ConcurrentHashMap<>();
    private final Map<URI, Timed<FetchException>> failures = new ConcurrentHashMap<>();
    private final Map<URI, CompletableFuture<FetchedDocument>> inFlight = new ConcurrentHashMap<>();

    private record Timed<T>(T value, Instant until) {}

    private RemoteActors(Builder b) {
        this.fetcher = b.fetcher;
        this.cache = b.cache;
        this.clock = b.clock;
        this.ttl = b.ttl;
        this.goneTtl = b.goneTtl;
        this.failureTtl = b.failureTtl;
    }

    /** A builder; the fetcher and the cache are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fetcher, for other documents (objects). */
    public RemoteFetcher fetcher() {
        return fetcher;
    }

    /**
     * The actor with this id: from the cache while it is fresh, else fetched (and cached).
     *
     * @throws FetchException if it is not cached and cannot be fetched ({@link FetchException#isGone()} when the
     *     actor no longer exists), or the document is not that actor
     */
    public Actor actor(URI id) {
        Checks.notNull(id, "id");
        Optional<RemoteActor> cached = cache.find(id);
        if (cached.isPresent() && !cached.get().isExpired(clock.instant())) {
            Optional<Actor> parsed = parse(cached.get());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
        try {
            return fetchActor(id);
        } catch (FetchException e) {
            if (!e.isGone() && cached.isPresent()) {
                Optional<Actor> stale = parse(cached.get());
                if (stale.isPresent()) {
                    LOG.debug("Using the stale copy of {}: {}", id, e.getMessage());
                    return stale.get();
                }
            }
            throw e;
        }
    }

    /**
     * The actor fetched again now, bypassing the cache (an {@code Update} of the actor arrived, or a {@code Move}
     * names it).
     *
     * @throws FetchException as {@link #actor}
     */
    public Actor refresh(URI id) {
        Checks.notNull(id, "id");
        failures.remove(id);
        return fetchActor(id);
    }

    /**
     * Whether {@code document} answered 404 or 410 lately (an actor or key that is gone), without fetching it.
     */
    public boolean isKnownGone(URI document) {
        Timed<FetchException> failure = failures.get(stripFragment(document));
        return failure != null
                && failure.until().isAfter(clock.instant())
                && failure.value().isGone();
    }

    /** Forgets the actor and its keys (it was deleted). */
    public void forget(URI id) {
        cache.evict(id);
        keys.values().removeIf(k -> k.value().owner().filter(id::equals).isPresent());
    }

    /**
     * The key for a key id, for {@link dev.herald.signatures.SignatureVerifier}: cached, else fetched.
     *
     * @return empty when there is no such key (the document is gone, or does not list the key)
     * @throws KeyResolver.KeyResolutionException when the key could not be looked up (network, refused address)
     */
    public Optional<VerificationKey> key(String keyId) {
        Timed<VerificationKey> memory = keys.get(keyId);
        Instant now = clock.instant();
        if (memory != null && memory.until().isAfter(now)) {
            return Optional.of(memory.value());
        }
        URI keyUri = keyUri(keyId);
        if (keyUri == null) {
            return Optional.empty();
        }
        Optional<RemoteActor> cached = cache.findByKeyId(keyUri);
        if (cached.isPresent()
                && !cached.get().isExpired(now)
                && cached.get().publicKeyPem().isPresent()) {
            Optional<VerificationKey> key =
                    toKey(keyId, cached.get().publicKeyPem().get(), cached.get().id());
            key.ifPresent(k -> remember(keyId, k, cached.get().expiresAt()));
            if (key.isPresent()) {
                return key;
            }
        }
        return fetchKey(keyId, keyUri);
    }

    /** The key fetched again now, bypassing both caches (the sender may have rotated it). */
    public Optional<VerificationKey> refreshKey(String keyId) {
        keys.remove(keyId);
        URI keyUri = keyUri(keyId);
        return keyUri == null ? Optional.empty() : fetchKey(keyId, keyUri);
    }

    /** A {@link KeyResolver} over this cache: {@code resolve} uses it, {@code refresh} bypasses it. */
    public KeyResolver keyResolver() {
        return new KeyResolver() {
            @Override
            public Optional<VerificationKey> resolve(String keyId) {
                return key(keyId);
            }

            @Override
            public Optional<VerificationKey> refresh(String keyId) {
                return refreshKey(keyId);
            }
        };
    }

    private Optional<VerificationKey> fetchKey(String keyId, URI keyUri) {
        URI document = KeyIds.ownerOf(keyId);
        FetchedDocument fetched;
        try {
            fetched = fetchShared(document);
        } catch (FetchException e) {
            if (e.isGone()) {
                LOG.debug("Key {} is gone: {}", keyId, e.getMessage());
                return Optional.empty();
            }
            throw new KeyResolver.KeyResolutionException(e.getMessage(), e);
        }
        Optional<Actor> actor = fetched.document().as(Actor.class);
        if (actor.isEmpty()) {
            Optional<PublicKey> standalone = fetched.document().as(PublicKey.class);
            if (standalone.isEmpty() || !standalone.get().id().equals(keyUri)) {
                LOG.info("Key document {} is neither an actor nor the key {}", document, keyId);
                return Optional.empty();
            }
            URI owner = standalone.get().owner();
            if (!RemoteFetcher.sameOrigin(owner, keyUri)) {
                LOG.info("Ignoring key {}: its owner {} is on another origin", keyId, owner);
                return Optional.empty();
            }
            try {
                Actor cached = actor(owner);
                // A cached owner may predate a new key: ask it once more before refusing the key.
                actor = Optional.of(cached.publicKey(keyUri).isPresent() ? cached : refresh(owner));
            } catch (FetchException e) {
                if (e.isGone()) {
                    return Optional.empty();
                }
                throw new KeyResolver.KeyResolutionException(e.getMessage(), e);
            }
        } else {
            store(actor.get(), fetched.json());
        }
        Actor owner = actor.get();
        Optional<PublicKey> listed =
                owner.publicKey(keyUri).filter(k -> k.owner().equals(owner.id()));
        if (listed.isEmpty() || !RemoteFetcher.sameOrigin(owner.id(), keyUri)) {
            LOG.info("Actor {} does not list key {}", owner.id(), keyId);
            return Optional.empty();
        }
        Optional<VerificationKey> key = toKey(keyId, listed.get().publicKeyPem(), owner.id());
        key.ifPresent(k -> remember(keyId, k, clock.instant().plus(ttl)));
        return key;
    }

    private Actor fetchActor(URI id) {
        FetchedDocument fetched = fetchShared(id);
        Actor actor = fetched.document()
                .as(Actor.class)
                .orElseThrow(() -> new FetchException(
                        FetchException.Kind.INVALID_DOCUMENT,
                        id,
                        200,
                        "the document is a " + fetched.document().object().typeName() + ", not an actor",
                        null));
        if (!actor.id().equals(id)) {
            throw new FetchException(
                    FetchException.Kind.INVALID_DOCUMENT, id, 200, "the actor's id is " + actor.id(), null);
        }
        store(actor, fetched.json());
        return actor;
    }

    /** One fetch per document at a time, and failures remembered for a while. */
    private FetchedDocument fetchShared(URI url) {
        URI document = stripFragment(url);
        Timed<FetchException> failure = failures.get(document);
        if (failure != null) {
            if (failure.until().isAfter(clock.instant())) {
                throw failure.value();
            }
            failures.remove(document, failure);
        }
        CompletableFuture<FetchedDocument> mine = new CompletableFuture<>();
        CompletableFuture<FetchedDocument> running = inFlight.putIfAbsent(document, mine);
        if (running != null) {
            return join(running);
        }
        try {
            FetchedDocument fetched = fetcher.fetch(document);
            mine.complete(fetched);
            return fetched;
        } catch (FetchException e) {
            if (failures.size() >= MAX_MEMORY_ENTRIES) {
                failures.clear();
            }
            failures.put(document, new Timed<>(e, clock.instant().plus(e.isGone() ? goneTtl : failureTtl)));
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(document, mine);
        }
    }

    private static FetchedDocument join(CompletableFuture<FetchedDocument> running) {
        try {
            return running.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private void store(Actor actor, String json) {
        Instant now = clock.instant();
        Optional<PublicKey> key = actor.publicKey();
        cache.put(new RemoteActor(
                actor.id(),
                key.map(PublicKey::id),
                key.map(PublicKey::publicKeyPem),
                Optional.of(actor.inbox()),
                actor.sharedInbox(),
                json,
                now,
                now.plus(ttl)));
    }

    private Optional<Actor> parse(RemoteActor cached) {
        try {
            return reader.read(cached.json()).as(Actor.class);
        } catch (InvalidDocumentException e) {
            LOG.debug("Cached actor {} is unreadable: {}", cached.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private void remember(String keyId, VerificationKey key, Instant until) {
        if (keys.size() >= MAX_MEMORY_ENTRIES) {
            keys.clear();
        }
        keys.put(keyId, new Timed<>(key, until));
    }

    private static Optional<VerificationKey> toKey(String keyId, String pem, URI owner) {
        try {
            return Optional.of(VerificationKey.of(keyId, Pem.readPublicKey(pem), owner));
        } catch (IllegalArgumentException e) {
            LOG.info("Key {} has an unreadable publicKeyPem: {}", keyId, e.getMessage());
            return Optional.empty();
        }
    }

    private static URI keyUri(String keyId) {
        try {
            KeyIds.ownerOf(keyId);
            return new URI(keyId);
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private static URI stripFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    /** Configures {@link RemoteActors}. Not thread-safe. */
    public static final class Builder {
        private RemoteFetcher fetcher;
        private RemoteActorCache cache;
        private Clock clock = Clock.systemUTC();
        private Duration ttl = Duration.ofDays(1);
        private Duration goneTtl = Duration.ofHours(1);
        private Duration failureTtl = Duration.ofSeconds(30);

        private Builder() {}

        /** Sets the fetcher (required). */
        public Builder fetcher(RemoteFetcher remoteFetcher) {
            this.fetcher = Checks.notNull(remoteFetcher, "fetcher");
            return this;
        }

        /** Sets the cache (required): the store's {@link dev.herald.core.store.HeraldStore#remoteActors()}. */
        public Builder cache(RemoteActorCache actorCache) {
            this.cache = Checks.notNull(actorCache, "cache");
            return this;
        }

        /** Sets the clock. Default: the system clock. */
        public Builder clock(Clock timeSource) {
            this.clock = Checks.notNull(timeSource, "clock");
            return this;
        }

        /** Sets how long a fetched actor is used before it is fetched again. Default: one day. */
        public Builder ttl(Duration duration) {
            this.ttl = Checks.notNull(duration, "ttl");
            return this;
        }

        /** Sets how long a 404/410 answer is believed without asking again. Default: one hour. */
        public Builder goneTtl(Duration duration) {
            this.goneTtl = Checks.notNull(duration, "goneTtl");
            return this;
        }

        /** Sets how long another failure is remembered. Default: 30 seconds. */
        public Builder failureTtl(Duration duration) {
            this.failureTtl = Checks.notNull(duration, "failureTtl");
            return this;
        }

        /** The service. */
        public RemoteActors build() {
            if (fetcher == null || cache == null) {
                throw new IllegalStateException("set the fetcher and the cache (the store's remoteActors())");
            }
            return new RemoteActors(this);
        }
    }
}
