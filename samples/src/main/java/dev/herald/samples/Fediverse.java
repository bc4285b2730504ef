package dev.herald.samples;

import dev.herald.core.Federation;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.Following;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the sample asks of Herald's publishing and following: the one place that changes as the library's
 * outbox, delivery engine and inbox land. The admin API, the admin page and the feed bridge call only this.
 *
 * <p>Until {@code Federation} publishes itself, this writes the post and its activity through the store in one
 * transaction ({@link HeraldStore#publish}): the object is served at its id (and 410 once deleted) and one
 * delivery per follower inbox is queued, to be sent by the delivery engine once there is one.
 *
 * <p>Thread-safe.
 */
final class Fediverse {
    /** What a publish, update or delete produced. */
    record Published(URI id, Optional<URI> activity, int deliveries) {}

    /** Thrown when something cannot be done (yet); the API answers 501 with the message. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private static final String AS = "https://www.w3.org/ns/activitystreams";
    private static final String PUBLIC = AS + "#Public";

    private final Federation federation;
    private final HeraldStore store;
    private final String username;
    private final Clock clock;

    Fediverse(Federation federation, HeraldStore store, String username, Clock clock, RemoteLookup lookup) {
        this.federation = federation;
        this.store = store;
        this.username = username;
        this.clock = clock;
    }

    /** The actor's id. */
    URI actor() {
        return federation.actorId(username);
    }

    /** The id a post gets for a chosen last segment ({@code feed-…}). */
    URI objectId(String slug) {
        return federation.urls().resolve(federation.urls().basePath() + "/objects/" + slug);
    }

    /** Whether an object with this id was ever published here (deleted ones too). */
    boolean exists(URI id) {
        return store.objects().find(id).isPresent();
    }

    /** Publishes a new post to the followers (and the public, by its visibility). */
    Published publish(PostInput post) {
        return create(post, objectId(UUID.randomUUID().toString()), true);
    }

    /** Publishes a new post with a chosen id segment; {@code deliver} false stores it without sending (imports). */
    Published publish(PostInput post, String slug, boolean deliver) {
        return create(post, objectId(slug), deliver);
    }

    /** Sends an Update of the post; empty if it is not ours or was deleted. */
    Optional<Published> update(URI id, PostInput post) {
        Optional<StoredObject> old = ours(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        JsonObject note = note(id, post, old.get().published(), Optional.of(now));
        URI activity = activityId();
        JsonObject update = activity("Update", activity, note, post.visibility(), now);
        StoredObject stored = new StoredObject(
                id,
                username,
                "Note",
                note.toString(),
                old.get().published(),
                Optional.of(now),
                Optional.empty(),
                visibility(post.visibility()),
                old.get().pinned());
        int jobs = store.publish(stored, DeliveryBatch.toFollowers(activity, username, update.toString()), now);
        return Optional.of(new Published(id, Optional.of(activity), jobs));
    }

    /** Sends a Delete; the object then answers 410 with a Tombstone. Empty if it is not ours or already deleted. */
    Optional<Published> delete(URI id) {
        Optional<StoredObject> old = ours(id);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        URI activity = activityId();
        JsonObject tombstone = Json.createObjectBuilder()
                .add("id", id.toString())
                .add("type", "Tombstone")
                .add("formerType", old.get().type())
                .add("deleted", now.toString())
                .build();
        JsonObject delete = activity("Delete", activity, tombstone, "public", now);
        StoredObject stored = new StoredObject(
                id,
                username,
                old.get().type(),
                old.get().json(),
                old.get().published(),
                old.get().updated(),
                Optional.of(now),
                old.get().visibility(),
                false);
        int jobs = store.publish(stored, DeliveryBatch.toFollowers(activity, username, delete.toString()), now);
        return Optional.of(new Published(id, Optional.empty(), jobs));
    }

    /** Follows a remote actor ({@code @user@host} or an actor URL). */
    URI follow(String target) {
        throw new Unsupported("following other actors needs Herald's inbox and delivery engine, which are not"
                + " merged yet: " + target);
    }

    /** Whom the actor follows: {@code [{"actor": id, "accepted": bool}]}, newest first. */
    JsonArray following(int limit) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (Following f :
                store.following().list(username, PageRequest.first(limit)).items()) {
            out.add(Json.createObjectBuilder()
                    .add("actor", f.followee().toString())
                    .add("accepted", f.accepted()));
        }
        return out.build();
    }

    /** This node's latest delivery failures (none until there is a delivery engine). */
    JsonArray recentFailures() {
        return JsonValue.EMPTY_JSON_ARRAY;
    }

    /** Whether follow requests wait for approval in this version of Herald. */
    boolean approvals() {
        return false;
    }

    /** Approves a pending follow request; false if there is none from that actor. */
    boolean approve(URI follower) {
        throw new Unsupported("approving follow requests needs Herald's inbox, which is not merged yet");
    }

    /** Rejects a pending follow request; false if there is none from that actor. */
    boolean reject(URI follower) {
        throw new Unsupported("rejecting follow requests needs Herald's inbox, which is not merged yet");
    }

    /** Followers in a state, newest first, at most {@code limit}. */
    List<Follower> followers(Follower.State state, int limit) {
        List<Follower> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            var page = store.followers()
                    .list(username, state, new PageRequest(cursor, Math.min(PageRequest.MAX_LIMIT, limit)));
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent() && out.size() < limit);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** How many followers are in a state. */
    long followerCount(Follower.State state) {
        return store.followers().count(username, state);
    }

    /** Stops what this started (nothing yet: the delivery engine will be closed here). */
    void close() {}

    private Published create(PostInput post, URI id, boolean deliver) {
        Instant now = now();
        Instant published = post.published().orElse(now);
        JsonObject note = note(id, post, published, Optional.empty());
        URI activity = activityId();
        JsonObject create = activity("Create", activity, note, post.visibility(), published);
        StoredObject stored = new StoredObject(
                id,
                username,
                "Note",
                note.toString(),
                published,
                Optional.empty(),
                Optional.empty(),
                visibility(post.visibility()),
                false);
        DeliveryBatch batch = deliver
                ? DeliveryBatch.toFollowers(activity, username, create.toString())
                : DeliveryBatch.toInboxes(activity, username, create.toString(), List.of());
        int jobs = store.publish(stored, batch, now);
        return new Published(id, Optional.of(activity), jobs);
    }

    private Optional<StoredObject> ours(URI id) {
        return store.objects().find(id).filter(o -> o.actor().equals(username) && !o.isDeleted());
    }

    private JsonObject note(URI id, PostInput post, Instant published, Optional<Instant> updated) {
        JsonObjectBuilder note = Json.createObjectBuilder()
                .add(
                        "@context",
                        Json.createArrayBuilder()
                                .add(AS)
                                .add(Json.createObjectBuilder()
                                        .add("sensitive", "as:sensitive")
                                        .add("Hashtag", "as:Hashtag")))
                .add("id", id.toString())
                .add("type", "Note")
                .add("attributedTo", actor().toString());
        String content = post.title()
                        .map(t -> "<p><strong>" + escape(t) + "</strong></p>")
                        .orElse("")
                + post.content()
                + hashtagLinks(post);
        note.add("content", content);
        post.language()
                .ifPresent(
                        l -> note.add("contentMap", Json.createObjectBuilder().add(l, content)));
        post.summary().ifPresentOrElse(s -> note.add("summary", s), () -> note.addNull("summary"));
        note.add("sensitive", post.sensitive());
        note.add("published", published.truncatedTo(ChronoUnit.SECONDS).toString());
        updated.ifPresent(
                u -> note.add("updated", u.truncatedTo(ChronoUnit.SECONDS).toString()));
        post.url().ifPresent(u -> note.add("url", u.toString()));
        addAudience(note, post.visibility());
        JsonArrayBuilder tags = Json.createArrayBuilder();
        for (String tag : post.hashtags()) {
            tags.add(Json.createObjectBuilder()
                    .add("type", "Hashtag")
                    .add("href", tagUrl(tag))
                    .add("name", "#" + tag));
        }
        note.add("tag", tags);
        JsonArrayBuilder attachments = Json.createArrayBuilder();
        for (PostInput.Attachment a : post.attachments()) {
            attachments.add(Json.createObjectBuilder()
                    .add("type", a.mediaType().startsWith("image/") ? "Image" : "Document")
                    .add("mediaType", a.mediaType())
                    .add("url", a.url().toString())
                    .add("name", a.alt()));
        }
        note.add("attachment", attachments);
        return note.build();
    }

    private JsonObject activity(String type, URI id, JsonObject object, String visibility, Instant when) {
        JsonObjectBuilder activity = Json.createObjectBuilder()
                .add("@context", AS)
                .add("id", id.toString())
                .add("type", type)
                .add("actor", actor().toString())
                .add("published", when.truncatedTo(ChronoUnit.SECONDS).toString());
        addAudience(activity, visibility);
        JsonObjectBuilder embedded = Json.createObjectBuilder(object);
        embedded.remove("@context");
        activity.add("object", embedded);
        return activity.build();
    }

    private void addAudience(JsonObjectBuilder json, String visibility) {
        String followers = federation.urls().followers(username).toString();
        switch (visibility) {
            case "unlisted" ->
                json.add("to", Json.createArrayBuilder().add(followers))
                        .add("cc", Json.createArrayBuilder().add(PUBLIC));
            case "followers" ->
                json.add("to", Json.createArrayBuilder().add(followers)).add("cc", Json.createArrayBuilder());
            default ->
                json.add("to", Json.createArrayBuilder().add(PUBLIC))
                        .add("cc", Json.createArrayBuilder().add(followers));
        }
    }

    private String hashtagLinks(PostInput post) {
        StringBuilder links = new StringBuilder();
        for (String tag : post.hashtags()) {
            if (!post.content().toLowerCase(Locale.ROOT).contains("#" + tag.toLowerCase(Locale.ROOT))) {
                links.append(links.length() == 0 ? "<p>" : " ")
                        .append("<a href=\"")
                        .append(tagUrl(tag))
                        .append("\" class=\"mention hashtag\" rel=\"tag\">#<span>")
                        .append(escape(tag))
                        .append("</span></a>");
            }
        }
        return links.length() == 0 ? "" : links.append("</p>").toString();
    }

    private String tagUrl(String tag) {
        return federation.urls().origin() + "/tags/" + tag.toLowerCase(Locale.ROOT);
    }

    private URI activityId() {
        return federation.urls().resolve(federation.urls().basePath() + "/activities/" + UUID.randomUUID());
    }

    private Instant now() {
        return clock.instant();
    }

    private static StoredObject.Visibility visibility(String visibility) {
        return switch (visibility) {
            case "unlisted" -> StoredObject.Visibility.UNLISTED;
            case "followers" -> StoredObject.Visibility.FOLLOWERS;
            default -> StoredObject.Visibility.PUBLIC;
        };
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
