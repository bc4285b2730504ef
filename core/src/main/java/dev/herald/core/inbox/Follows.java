package dev.herald.core.inbox;

import dev.herald.core.ActorProfile;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.internal.http.Json;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.Actor;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Followers of the site's actors: a {@code Follow} stores the follower (inbox and shared inbox read from its actor
 * document) and answers with a signed {@code Accept} that embeds the {@code Follow}, or keeps it pending when the
 * actor approves followers by hand; approval and rejection; {@code Undo}, {@code Move} and profile updates.
 * Thread-safe.
 */
final class Follows {
    private static final Logger LOG = LoggerFactory.getLogger(Follows.class);
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    private final HeraldStore store;
    private final LocalActors locals;
    private final RemoteActors actors;
    private final ActivitySender sender;
    private final Listeners listener;
    private final Clock clock;

    Follows(
            HeraldStore store,
            LocalActors locals,
            RemoteActors actors,
            ActivitySender sender,
            Listeners listener,
            Clock clock) {
        this.store = store;
        this.locals = locals;
        this.actors = actors;
        this.sender = sender;
        this.listener = listener;
        this.clock = clock;
    }

    void follow(Activity follow, String json) throws IOException {
        Optional<String> username = locals.username(follow.objectId().orElse(null));
        if (username.isEmpty()) {
            return;
        }
        Actor remote = actors.actor(follow.actor());
        ActorProfile profile = locals.profile(username.get()).orElseThrow();
        Optional<Follower> existing = store.followers().find(username.get(), remote.id());
        boolean accepted = !profile.manuallyApprovesFollowers()
                || existing.map(f -> f.state() == Follower.State.ACCEPTED).orElse(false);
        Follower follower = new Follower(
                username.get(),
                remote.id(),
                remote.inbox(),
                remote.sharedInbox(),
                follow.id(),
                accepted ? Follower.State.ACCEPTED : Follower.State.PENDING,
                existing.map(Follower::since).orElse(clock.instant()));
        store.followers().put(follower);
        if (existing.isEmpty()) {
            LOG.info("{} follows {}{}", remote.id(), username.get(), accepted ? "" : " (pending approval)");
            listener.onFollow(follower);
        }
        if (accepted) {
            // A repeated Follow (Mastodon sends one when it lost track) is accepted again.
            answer("Accept", username.get(), remote.inbox(), json);
        }
    }

    /** Approves a pending follower: accepted, and the Accept sent. False if there is no such pending follower. */
    boolean approve(String username, URI follower) throws IOException {
        Optional<Follower> pending = store.followers().find(username, follower);
        if (pending.isEmpty() || pending.get().state() != Follower.State.PENDING) {
            return false;
        }
        Follower f = pending.get();
        store.followers()
                .put(new Follower(
                        f.actor(),
                        f.follower(),
                        f.inbox(),
                        f.sharedInbox(),
                        f.followActivity(),
                        Follower.State.ACCEPTED,
                        f.since()));
        answer("Accept", username, f.inbox(), followJson(f, username));
        return true;
    }

    /** Rejects a pending (or current) follower: removed, and a Reject sent. False if there is none. */
    boolean reject(String username, URI follower) throws IOException {
        Optional<Follower> existing = store.followers().find(username, follower);
        if (existing.isEmpty()) {
            return false;
        }
        store.followers().remove(username, follower);
        answer("Reject", username, existing.get().inbox(), followJson(existing.get(), username));
        listener.onUnfollow(username, follower);
        return true;
    }

    void unfollow(URI remote, Optional<URI> localActor, Optional<URI> followId) {
        for (String username : locals.usernames()) {
            if (localActor.isPresent() && !locals.actorId(username).equals(localActor.get())) {
                continue;
            }
            Optional<Follower> f = store.followers().find(username, remote);
            if (f.isEmpty()) {
                continue;
            }
            if (localActor.isEmpty()
                    && followId.isPresent()
                    && !f.get().followActivity().equals(followId)) {
                continue;
            }
            if (store.followers().remove(username, remote)) {
                LOG.info("{} unfollowed {}", remote, username);
                listener.onUnfollow(username, remote);
            }
        }
    }

    void refreshInboxes(Actor fresh) {
        for (String username : locals.usernames()) {
            store.followers().find(username, fresh.id()).ifPresent(f -> store.followers()
                    .put(new Follower(
                            f.actor(),
                            f.follower(),
                            fresh.inbox(),
                            fresh.sharedInbox(),
                            f.followActivity(),
                            f.state(),
                            f.since())));
        }
    }

    void move(URI from, Actor to) {
        for (String username : locals.usernames()) {
            Optional<Follower> old = store.followers().find(username, from);
            if (old.isEmpty()) {
                continue;
            }
            store.followers().remove(username, from);
            store.followers()
                    .put(new Follower(
                            username,
                            to.id(),
                            to.inbox(),
                            to.sharedInbox(),
                            Optional.empty(),
                            old.get().state(),
                            clock.instant()));
            LOG.info("Follower {} of {} moved to {}", from, username, to.id());
            listener.onFollowerMoved(username, from, to.id());
        }
    }

    private void answer(String type, String username, URI inbox, String followJson) throws IOException {
        URI actor = locals.actorId(username);
        JsonObjectBuilder follow = Json.PROVIDER.createObjectBuilder();
        for (Map.Entry<String, JsonValue> e : parse(followJson).entrySet()) {
            if (!e.getKey().equals("@context") && !e.getKey().equals("signature")) {
                follow.add(e.getKey(), e.getValue());
            }
        }
        URI id = URI.create(actor + "#" + type.toLowerCase(java.util.Locale.ROOT) + "s/" + UUID.randomUUID());
        JsonObject activity = Json.PROVIDER
                .createObjectBuilder()
                .add("@context", AS)
                .add("id", id.toString())
                .add("type", type)
                .add("actor", actor.toString())
                .add("object", follow)
                .build();
        sender.send(username, id, inbox, activity.toString().getBytes(StandardCharsets.UTF_8));
        LOG.info("Sent {} of {}'s follow to {}", type, username, inbox);
    }

    private String followJson(Follower f, String username) {
        JsonObjectBuilder b = Json.PROVIDER
                .createObjectBuilder()
                .add("type", "Follow")
                .add("actor", f.follower().toString())
                .add("object", locals.actorId(username).toString());
        f.followActivity().ifPresent(id -> b.add("id", id.toString()));
        return b.build().toString();
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
