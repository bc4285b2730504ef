package dev.herald.core.internal.fetch;

import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.ReadDocument;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.PublicKey;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyIds;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.VerificationKey;
import dev.herald.webfinger.NetworkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a remote actor's public key by its key id: fetches the document the key id names (the actor, or a
 * stand-alone key) with a GET signed by the instance actor, reads {@code publicKey} from it and keeps the key in
 * a small in-memory cache. Every URL, redirects included, passes the {@link NetworkPolicy} first; at most three
 * redirects, 1 MiB, 5 s to connect and 10 s per request.
 *
 * <p>A stop-gap until the remote-actor cache exists: it replaces this class behind {@link KeyResolver}. Not part of
 * the API. Thread-safe.
 */
public final class RemoteKeyResolver implements KeyResolver {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteKeyResolver.class);
    private static final int MAX_REDIRECTS = 3;
    private static final int MAX_BYTES = 1 << 20;
    private static final int MAX_CACHED = 10_000;
    private static final String ACCEPT =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private final HttpClient client;
    private final NetworkPolicy policy;
    private final Supplier<SigningKey> signer;
    private final Clock clock;
    private final Duration ttl;
    private final String userAgent;
    private final DocumentReader reader = DocumentReader.create();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(VerificationKey key, Instant fetched) {}

    /**
     * A resolver.
     *
     * @param policy checks every URL before it is fetched
     * @param signer the instance actor's key, to sign the GETs (servers in secure mode refuse unsigned ones)
     * @param clock for the cache's expiry
     * @param ttl how long a fetched key is used before it is fetched again
     * @param userAgent the {@code User-Agent} to send
     */
    public RemoteKeyResolver(
            NetworkPolicy policy, Supplier<SigningKey> signer, Clock clock, Duration ttl, String userAgent) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<VerificationKey> resolve(String keyId) {
        Cached cached = cache.get(keyId);
        if (cached != null && cached.fetched().plus(ttl).isAfter(clock.instant())) {
            return Optional.of(cached.key());
        }
        return refresh(keyId);
    }

    @Override
    public Optional<VerificationKey> refresh(String keyId) {
        URI document;
        try {
            document = KeyIds.ownerOf(keyId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<VerificationKey> key = fetch(document, keyId);
        if (key.isPresent()) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(keyId, new Cached(key.get(), clock.instant()));
        } else {
            cache.remove(keyId);
        }
        return key;
    }

    private Optional<VerificationKey> fetch(URI document, String keyId) {
        URI url = document;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<InputStream> response = get(url);
            int status = response.statusCode();
            if (status >= 300
                    && status < 400
                    && response.headers().firstValue("Location").isPresent()) {
                close(response);
                url = url.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status == 404 || status == 410) {
                close(response);
                return Optional.empty();
            }
            if (status != 200) {
                close(response);
                throw new KeyResolutionException("fetching key " + keyId + " answered HTTP " + status);
            }
            return readKey(body(response, url), keyId);
        }
        throw new KeyResolutionException(
                "fetching key " + keyId + " was redirected more than " + MAX_REDIRECTS + " times");
    }

    private HttpResponse<InputStream> get(URI url) {
        try {
            policy.check(url);
        } catch (NetworkPolicy.Refused e) {
            throw new KeyResolutionException("refused to fetch key document: " + e.reason(), e);
        } catch (IOException e) {
            throw new KeyResolutionException("cannot check " + url + ": " + e.getMessage(), e);
        }
        HttpMessage.Request signed =
                CavageSigner.of(signer.get()).sign(HttpMessage.Request.of("GET", url, HttpFields.empty()), new byte[0]);
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .GET()
                .timeout(Duration.ofSeconds(10))
                .header("Accept", ACCEPT)
                .header("User-Agent", userAgent);
        signed.fields().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new KeyResolutionException("timed out fetching key document " + url, e);
        } catch (IOException e) {
            throw new KeyResolutionException("could not fetch key document " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyResolutionException("interrupted fetching key document " + url, e);
        }
    }

    private static byte[] body(HttpResponse<InputStream> response, URI url) {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new KeyResolutionException("key document " + url + " is larger than 1 MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new KeyResolutionException("could not read key document " + url + ": " + e.getMessage(), e);
        }
    }

    private Optional<VerificationKey> readKey(byte[] body, String keyId) {
        ReadDocument document;
        try {
            document = reader.read(body);
        } catch (InvalidDocumentException e) {
            throw new KeyResolutionException("key document for " + keyId + " is unreadable: " + e.getMessage(), e);
        }
        URI id = URI.create(keyId);
        Optional<PublicKey> key = document.as(Actor.class)
                .flatMap(actor -> actor.publicKey(id).filter(k -> k.owner().equals(actor.id())));
        if (key.isEmpty()) {
            key = document.as(PublicKey.class).filter(k -> k.id().equals(id));
        }
        if (key.isEmpty()) {
            LOG.debug("Key document for {} does not contain that key", keyId);
            return Optional.empty();
        }
        // A key may only speak for an actor on its own host.
        if (!sameHost(key.get().owner(), id)) {
            LOG.info(
                    "Ignoring key {}: its owner {} is on another host",
                    keyId,
                    key.get().owner());
            return Optional.empty();
        }
        try {
            return Optional.of(VerificationKey.of(
                    keyId,
                    Pem.readPublicKey(key.get().publicKeyPem()),
                    key.get().owner()));
        } catch (IllegalArgumentException e) {
            throw new KeyResolutionException("key " + keyId + " has an unreadable publicKeyPem: " + e.getMessage(), e);
        }
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // Nothing to do: the connection is dropped.
        }
    }
}
