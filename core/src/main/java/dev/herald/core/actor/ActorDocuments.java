package dev.herald.core.actor;

import dev.herald.core.ActorProfile;
import dev.herald.core.internal.Checks;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.PublicKey;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.time.Instant;

/**
 * Builds the actor documents Herald serves: one per {@link ActorProfile}, and the instance actor (an
 * {@code Application} whose {@code preferredUsername} is the handle host, as Mastodon's is) that signs
 * Herald's own fetches.
 *
 * <p>An actor document has everything Mastodon reads: {@code id}, {@code type}, {@code preferredUsername},
 * {@code inbox}, {@code outbox}, {@code followers}, {@code following}, {@code featured},
 * {@code endpoints.sharedInbox}, {@code publicKey {id, owner, publicKeyPem}}, {@code url}, {@code name},
 * {@code summary}, {@code icon} and {@code image} with {@code mediaType} and {@code name} (alt text),
 * {@code published}, {@code manuallyApprovesFollowers}, {@code discoverable}, {@code indexable},
 * {@code attachment} (profile fields as {@code PropertyValue}), {@code alsoKnownAs}, {@code movedTo},
 * {@code attributionDomains}, and the FEP-2c59 {@code webfinger} handle.
 *
 * <p>Immutable and thread-safe.
 */
public final class ActorDocuments {
    /** The FEP-2c59 term for an actor's WebFinger address. */
    public static final String WEBFINGER_TERM = "https://purl.archive.org/socialweb/webfinger#webfinger";

    private static final JsonProvider JSON = JsonProvider.provider();

    private final ActorUrls urls;
    private final String handleHost;

    /**
     * Documents laid out by {@code urls}, for handles under {@code handleHost}.
     *
     * @param urls where the documents live
     * @param handleHost the host of the handles ({@code example.org} in {@code @news@example.org}), with a port
     *     if the handles have one
     */
    public ActorDocuments(ActorUrls urls, String handleHost) {
        this.urls = Checks.notNull(urls, "urls");
        this.handleHost = Checks.notBlank(handleHost, "handleHost");
    }

    /**
     * The actor of {@code profile}.
     *
     * @param profile the profile
     * @param publicKeyPem the actor's public key (SPKI PEM)
     * @param keyCreated when the key pair was made: the {@code published} date unless the profile sets one
     */
    public Actor actor(ActorProfile profile, String publicKeyPem, Instant keyCreated) {
        Checks.notNull(profile, "profile");
        String username = profile.username();
        URI id = urls.actor(username);
        Actor.Builder b = Actor.builder(id, profile.type(), urls.inbox(username))
                .preferredUsername(username)
                .url(profile.profileUrl().orElse(URI.create(urls.origin() + "/")))
                .outbox(urls.outbox(username))
                .followers(urls.followers(username))
                .following(urls.following(username))
                .featured(urls.featured(username))
                .sharedInbox(urls.sharedInbox())
                .addPublicKey(new PublicKey(urls.mainKey(id), id, publicKeyPem))
                .manuallyApprovesFollowers(profile.manuallyApprovesFollowers())
                .discoverable(profile.discoverable())
                .indexable(profile.indexable())
                .published(profile.published().orElse(Checks.notNull(keyCreated, "keyCreated")));
        profile.name().ifPresent(b::name);
        profile.summary().ifPresent(b::summary);
        profile.icon().ifPresent(b::icon);
        profile.header().ifPresent(b::image);
        profile.fields().forEach(b::addField);
        profile.alsoKnownAs().forEach(b::addAlsoKnownAs);
        profile.movedTo().ifPresent(b::movedTo);
        profile.attributionDomains().forEach(b::addAttributionDomain);
        return b.build();
    }

    /** The actor of {@code profile} as the JSON document served, with its {@code webfinger} handle. */
    public JsonObject actorJson(ActorProfile profile, String publicKeyPem, Instant keyCreated) {
        return withWebFinger(
                DocumentWriter.create().toJson(actor(profile, publicKeyPem, keyCreated)),
                "acct:" + profile.username() + "@" + handleHost);
    }

    /**
     * The instance actor: an {@code Application} named after the handle host (without a port), with an inbox,
     * an (empty) outbox, the shared inbox and its key. Mastodon marks its own as locked; so does Herald.
     *
     * @param publicKeyPem its public key (SPKI PEM)
     * @param keyCreated when its key pair was made
     */
    public Actor instanceActor(String publicKeyPem, Instant keyCreated) {
        URI id = urls.instanceActor();
        return Actor.builder(id, ActorType.APPLICATION, urls.instanceInbox())
                .preferredUsername(instanceUsername())
                .name(instanceUsername())
                .url(URI.create(urls.origin() + "/"))
                .outbox(urls.instanceOutbox())
                .sharedInbox(urls.sharedInbox())
                .addPublicKey(new PublicKey(urls.mainKey(id), id, publicKeyPem))
                .manuallyApprovesFollowers(true)
                .published(Checks.notNull(keyCreated, "keyCreated"))
                .build();
    }

    /** The instance actor as the JSON document served. */
    public JsonObject instanceActorJson(String publicKeyPem, Instant keyCreated) {
        return withWebFinger(
                DocumentWriter.create().toJson(instanceActor(publicKeyPem, keyCreated)),
                "acct:" + instanceUsername() + "@" + handleHost);
    }

    /** The instance actor's username: the handle host without a port ({@code example.org}). */
    public String instanceUsername() {
        int colon = handleHost.lastIndexOf(':');
        return colon > 0 && !handleHost.endsWith("]") ? handleHost.substring(0, colon) : handleHost;
    }

    // FEP-2c59: the actor names its own handle, so that Mastodon 4.6+ finds it even on a split domain.
    private static JsonObject withWebFinger(JsonObject document, String handle) {
        JsonObjectBuilder out = JSON.createObjectBuilder();
        for (var entry : document.entrySet()) {
            if (entry.getKey().equals("@context")) {
                out.add("@context", contextWithWebFinger(entry.getValue()));
            } else {
                out.add(entry.getKey(), entry.getValue());
            }
        }
        return out.add("webfinger", handle).build();
    }

    private static JsonValue contextWithWebFinger(JsonValue context) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        JsonObject term =
                JSON.createObjectBuilder().add("webfinger", WEBFINGER_TERM).build();
        if (context instanceof JsonArray list) {
            int last = list.size() - 1;
            for (int i = 0; i < list.size(); i++) {
                JsonValue value = list.get(i);
                if (i == last && value instanceof JsonObject map) {
                    array.add(JSON.createObjectBuilder(map).add("webfinger", WEBFINGER_TERM));
                    return array.build();
                }
                array.add(value);
            }
        } else {
            array.add(context);
        }
        return array.add(term).build();
    }
}
