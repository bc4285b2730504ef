package dev.herald.samples;

import dev.herald.core.Federation;
import dev.herald.core.delivery.DeliveryStatus;
import dev.herald.core.outbox.Media;
import dev.herald.core.outbox.Outbox;
import dev.herald.core.outbox.Post;
import dev.herald.core.outbox.QuotePolicy;
import dev.herald.core.outbox.Visibility;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.Follower;
import dev.herald.core.store.Following;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.StoredObject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything the sample asks of Herald's publishing and following: the one place that knows the library's outbox,
 * inbox and delivery engine. The admin API, the admin page and the feed bridge call only this.
 *
 * <p>Publishing goes through {@link Federation#outbox()}; approvals of followers and quotes through {@link
 * Federation#inbox()}. Following a
 * remote actor has no API in Herald yet, so {@link #follow} finds the actor ({@link RemoteLookup}), queues a signed
 * {@code Follow} on Herald's delivery queue and records the follow; Herald's inbox marks it accepted when the
 * {@code Accept} arrives.
 *
 * <p>Thread-safe.
 */
final class Fediverse {
    /** What a publish, update or delete produced; a delete names no activity. */
    record Published(URI id, Optional<URI> activity, int deliveries) {}

    private final Federation federation;
    private final HeraldStore store;
    private final String username;
    private final Clock clock;
    private final RemoteLookup lookup;

    Fediverse(Federation federation, HeraldStore store, String username, Clock clock, RemoteLookup lookup) {
        this.federation = federation;
        this.store = store;
        this.username = username;
        this.clock = clock;
        this.lookup = lookup;
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
        return published(federation.outbox().publish(username, post(post, Optional.empty())));
    }

    /** Publishes a new post with a chosen id segment; {@code deliver} false stores it without sending (imports). */
    Published publish(PostInput post, String slug, boolean deliver) {
        Post p = post(post, Optional.of(slug));
        Outbox outbox = federation.outbox();
        return published(deliver ? outbox.publish(username, p) : outbox.importPost(username, p));
    }

    /** Sends an Update of the post; empty if it is not ours or was deleted. */
    Optional<Published> update(URI id, PostInput post) {
        if (ours(id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(published(federation.outbox().update(id, post(post, Optional.empty()))));
    }

    /** Sends a Delete; the object then answers 410 with a Tombstone. Empty if it is not ours or already deleted. */
    Optional<Published> delete(URI id) {
        if (ours(id).isEmpty()) {
            return Optional.empty();
        }
        int jobs = federation.outbox().delete(id);
        return Optional.of(new Published(id, Optional.empty(), jobs));
    }

    /**
     * Follows a remote actor ({@code @user@host[:port]} or an actor URL): queues a {@code Follow} to its inbox.
     *
     * @return the Follow's id
     * @throws IllegalArgumentException if the actor cannot be found (the message says why)
     */
    URI follow(String target) {
        RemoteLookup.RemoteActor remote;
        try {
            remote = lookup.actor(target);
        } catch (IOException e) {
            throw new IllegalArgumentException("could not find " + target + ": " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        URI follow = federation.urls().resolve(federation.urls().basePath() + "/follows/" + UUID.randomUUID());
        JsonObject activity = Json.createObjectBuilder()
                .add("@context", "https://www.w3.org/ns/activitystreams")
                .add("id", follow.toString())
                .add("type", "Follow")
                .add("actor", actor().toString())
                .add("object", remote.id().toString())
                .build();
        store.following().put(new Following(username, remote.id(), Optional.of(follow), false, now));
        store.deliveries()
                .enqueue(DeliveryBatch.toInboxes(follow, username, activity.toString(), List.of(remote.inbox())), now);
        federation.delivery().wakeUp();
        return follow;
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

    /** Approves a pending follow request; false if there is none from that actor. */
    boolean approve(URI follower) {
        try {
            return federation.inbox().approveFollower(username, follower);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rejects a pending follow request; false if there is none from that actor. */
    boolean reject(URI follower) {
        try {
            return federation.inbox().rejectFollower(username, follower);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Quote requests and authorizations of the actor's posts in a state (FEP-044f), oldest request first, at most
     * {@code limit}.
     */
    List<QuoteAuthorization> quotes(QuoteAuthorization.State state, int limit) {
        List<QuoteAuthorization> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<QuoteAuthorization> page = store.quoteAuthorizations()
                    .list(username, state, new PageRequest(cursor, Math.min(PageRequest.MAX_LIMIT, limit)));
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent() && out.size() < limit);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** How many quote authorizations of the actor's posts are in a state (the store has no count: it pages). */
    long quoteCount(QuoteAuthorization.State state) {
        long count = 0;
        Optional<String> cursor = Optional.empty();
        do {
            Page<QuoteAuthorization> page =
                    store.quoteAuthorizations().list(username, state, new PageRequest(cursor, PageRequest.MAX_LIMIT));
            count += page.items().size();
            cursor = page.next();
        } while (cursor.isPresent());
        return count;
    }

    /** The quote authorization with this id, if it is one of the actor's. */
    Optional<QuoteAuthorization> quote(URI id) {
        return store.quoteAuthorizations().find(id).filter(a -> a.actor().equals(username));
    }

    /**
     * Approves a pending quote request: Herald fetches the quoting post again, records the quote and sends the
     * {@code Accept}. False if there is no such request, or it was dropped because a post is gone.
     *
     * @throws IOException if the quoting post could not be fetched: the request stays pending
     */
    boolean approveQuote(URI authorization) throws IOException {
        return quote(authorization).isPresent() && federation.inbox().approveQuote(authorization);
    }

    /** Rejects a pending quote request (removed, a {@code Reject} sent); false if there is none. */
    boolean rejectQuote(URI authorization) {
        try {
            return quote(authorization).isPresent() && federation.inbox().rejectQuote(authorization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Revokes an accepted quote (its stamp answers 410, a {@code Delete} sent); false if there is none. */
    boolean revokeQuote(URI authorization) {
        try {
            return quote(authorization).isPresent() && federation.inbox().revokeQuote(authorization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This node's latest delivery failures: {@code [{"at","inbox","attempt","error","givenUp"}]}. */
    JsonArray recentFailures() {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (DeliveryStatus.Failure f : federation.delivery().status().lastErrors()) {
            out.add(Json.createObjectBuilder()
                    .add("at", f.at().toString())
                    .add("inbox", f.inbox().toString())
                    .add("host", String.valueOf(f.inbox().getHost()))
                    .add("attempt", f.attempt())
                    .add("error", f.error())
                    .add("givenUp", f.givenUp()));
        }
        return out.build();
    }

    /** Stops the delivery engine (jobs in flight finish or stay queued for the next start) and the inbox workers. */
    void close() {
        federation.delivery().close();
        federation.inbox().close();
    }

    private Optional<StoredObject> ours(URI id) {
        return store.objects().find(id).filter(o -> o.actor().equals(username) && !o.isDeleted());
    }

    private static Published published(Outbox.Published p) {
        return new Published(p.object(), Optional.of(p.activity()), p.deliveries());
    }

    private static Post post(PostInput in, Optional<String> slug) {
        Post.Builder b = Post.builder().html(in.content());
        in.title().ifPresent(b::title);
        in.summary().ifPresent(b::contentWarning);
        b.sensitive(in.sensitive());
        if (!in.hashtags().isEmpty()) {
            b.hashtags(in.hashtags().toArray(String[]::new));
        }
        in.language().ifPresent(b::language);
        in.url().ifPresent(b::url);
        b.visibility(Visibility.valueOf(in.visibility().toUpperCase(Locale.ROOT)));
        in.quotePolicy().map(Fediverse::quotePolicy).ifPresent(b::quotePolicy);
        for (PostInput.Attachment a : in.attachments()) {
            b.attach(
                    a.mediaType().startsWith("video/")
                            ? Media.video(a.url(), a.mediaType(), a.alt())
                            : Media.image(a.url(), a.mediaType(), a.alt()));
        }
        in.published().ifPresent(b::published);
        slug.ifPresent(b::slug);
        return b.build();
    }

    private static QuotePolicy quotePolicy(String name) {
        return switch (name) {
            case "public" -> QuotePolicy.PUBLIC;
            case "followers" -> QuotePolicy.FOLLOWERS;
            case "manual" -> QuotePolicy.MANUAL;
            case "nobody" -> QuotePolicy.NOBODY;
            default -> throw new IllegalArgumentException("quotePolicy: no such policy '" + name + "'");
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
