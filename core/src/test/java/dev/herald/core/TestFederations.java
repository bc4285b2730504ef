package dev.herald.core;

import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Shared fixtures: one RSA key pair per test JVM, a fully described actor, and request helpers. */
public final class TestFederations {
    /** The site's origin in the fixtures. */
    public static final URI ORIGIN = URI.create("https://www.example.org");
    /** "Now" in the fixtures. */
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** When the fixture keys were "generated". */
    public static final Instant KEYS_CREATED = Instant.parse("2025-01-15T08:30:00Z");
    /** The accept header Mastodon sends. */
    public static final String MASTODON_ACCEPT = "application/activity+json, application/ld+json";
    /** A browser's accept header. */
    public static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static final KeyPair KEYS = KeyPairs.rsa2048();

    private TestFederations() {}

    /** The key pair every fixture actor has. */
    public static KeyPair keys() {
        return KEYS;
    }

    /** A clock stopped at {@link #NOW}. */
    public static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    /** An in-memory store whose key pairs (any actor) are the fixture pair, so that no test waits for RSA. */
    public static InMemoryStore store() {
        InMemoryStore store = new InMemoryStore();
        String privatePem = Pem.write(KEYS.getPrivate());
        String publicPem = Pem.write(KEYS.getPublic());
        for (String name : new String[] {"instance", "news", "blog", "alice"}) {
            store.keyPairs().findOrCreate(name, () -> new StoredKeyPair(name, privatePem, publicPem, KEYS_CREATED));
        }
        return store;
    }

    /** The fully described {@code news} actor. */
    public static ActorProfile news() {
        return ActorProfile.builder("news")
                .name("Example News")
                .summary("<p>News from <a href=\"https://www.example.org/\">Example</a>.</p>")
                .profileUrl(URI.create("https://www.example.org/news/"))
                .icon(URI.create("https://www.example.org/logo.png"), "image/png", "The Example logo")
                .header(URI.create("https://www.example.org/header.jpg"), "image/jpeg", "The Example office")
                .addField("Website", "<a href=\"https://www.example.org/\" rel=\"me\">www.example.org</a>")
                .addField("Founded", "1999")
                .addAlsoKnownAs(URI.create("https://mastodon.example/users/examplenews"))
                .addAttributionDomain("example.org")
                .build();
    }

    /** A builder for the standard site: origin, handle host {@code example.org}, {@code news}, fixed clock. */
    public static Federation.Builder builder(InMemoryStore store) {
        return Federation.builder()
                .origin(ORIGIN)
                .handleHost("example.org")
                .addActor(news())
                .store(store)
                .clock(clock())
                .softwareVersion("1.2.3");
    }

    /** The standard site with its own store. */
    public static Federation standard() {
        return builder(store()).build();
    }

    /** A GET with an {@code Accept} header. */
    public static HeraldRequest get(String target, String accept) {
        return HeraldRequest.get(target, accept.isEmpty() ? HttpFields.empty() : HttpFields.of("Accept", accept));
    }

    /** Mastodon's GET of {@code target}. */
    public static HeraldRequest apGet(String target) {
        return get(target, MASTODON_ACCEPT);
    }

    /** The answer, which must be present. */
    public static HeraldResponse answer(Federation federation, HeraldRequest request) {
        Optional<HeraldResponse> answer = federation.handle(request);
        if (answer.isEmpty()) {
            throw new AssertionError("expected Herald to answer " + request);
        }
        return answer.get();
    }

    /** The body parsed as a JSON object. */
    public static JsonObject json(HeraldResponse response) {
        return Json.createReader(new StringReader(response.bodyText())).readObject();
    }

    /** A stored Note by {@code actor}, with the JSON Herald would write. */
    public static StoredObject note(
            String id, String actor, Instant published, StoredObject.Visibility visibility, boolean pinned) {
        String to = visibility == StoredObject.Visibility.FOLLOWERS
                ? "\"https://www.example.org/ap/actors/" + actor + "/followers\""
                : "\"https://www.w3.org/ns/activitystreams#Public\"";
        String json = "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",{\"sensitive\":\"as:sensitive\"}],"
                + "\"id\":\"" + id + "\",\"type\":\"Note\",\"attributedTo\":\"https://www.example.org/ap/actors/"
                + actor + "\",\"published\":\"" + published + "\",\"to\":[" + to + "],\"cc\":[],"
                + "\"sensitive\":false,\"content\":\"<p>Post " + id.substring(id.lastIndexOf('/') + 1) + "</p>\"}";
        return new StoredObject(
                URI.create(id), actor, "Note", json, published, Optional.empty(), Optional.empty(), visibility, pinned);
    }
}
