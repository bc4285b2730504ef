package dev.herald.core.outbox;

import dev.herald.core.actor.ActorUrls;
import dev.herald.core.internal.Checks;
import dev.herald.core.internal.http.Json;
import dev.herald.core.store.DeliveryBatch;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.StoredObject;
import dev.herald.core.vocab.Tombstone;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the site publishes: {@link #publish}, {@link #update}, {@link #delete}, {@link #pin}, {@link #unpin}. Each
 * call stores the object and its activity once and queues one delivery per distinct follower inbox (shared inbox
 * preferred) plus the mentioned actors' inboxes, in one store transaction ({@link HeraldStore#publish}); the
 * {@link dev.herald.core.delivery.DeliveryEngine} sends them. {@link #importPost} stores an older post without
 * delivering it.
 *
 * <pre>{@code
 * Published p = federation.outbox().publish("news", Post.builder().text("Hello, fediverse! #welcome").build());
 * }</pre>
 *
 * <p>Mentions are resolved during the call (a WebFinger lookup per new handle), so a call may take as long as the
 * slowest lookup; everything else is local. Thread-safe.
 */
public final class Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final ActorUrls urls;
    private final Set<String> actors;
    private final HeraldStore store;
    private final Clock clock;
    private final PostRenderer renderer;
    private final MentionResolver mentions;
    private final Runnable queued;
    private final Function<URI, Optional<URI>> inboxes;

    private Outbox(Builder b) {
        this.urls = b.urls;
        this.actors = Set.copyOf(b.actors);
        this.store = b.store;
        this.clock = b.clock;
        this.renderer = PostRenderer.of(
                b.settings != null
                        ? b.settings
                        : PublishSettings.builder(urls.origin(), urls.basePath())
                                .build());
        this.mentions = b.mentions;
        this.queued = b.queued;
        this.inboxes = b.inboxes;
    }

    /**
     * A builder for the outbox of {@code actors} on the site laid out by {@code urls}, storing in {@code store}.
     * {@code Federation} builds one; build one yourself only without a {@code Federation}.
     */
    public static Builder builder(ActorUrls urls, Set<String> actors, HeraldStore store) {
        return new Builder(urls, actors, store);
    }

    /**
     * What a publishing call did.
     *
     * @param object the object's id: its URL on the site, never changing
     * @param activity the activity's id
     * @param deliveries how many delivery jobs were queued (one per distinct inbox)
     * @param json the object as stored and served
     */
    public record Published(URI object, URI activity, int deliveries, JsonObject json) {}

    /**
     * Publishes {@code post} as {@code username}: stores the {@code Note} or {@code Article} and queues its {@code
     * Create} to the followers and the mentioned actors.
     *
     * @throws IllegalArgumentException if no such actor is configured, or the post's slug is taken
     */
    public Published publish(String username, Post post) {
        return store(username, post, true);
    }

    /**
     * Stores {@code post} without delivering it: for importing an archive of older posts (with {@link
     * Post.Builder#published} in the past). It appears in the outbox and at its id.
     */
    public Published importPost(String username, Post post) {
        return store(username, post, false);
    }

    private Published store(String username, Post post, boolean deliver) {
        Author author = author(username);
        Checks.notNull(post, "post");
        Instant now = clock.instant();
        URI id = renderer.newObjectId(post);
        store.objects().find(id).ifPresent(existing -> {
            throw new IllegalArgumentException("the id " + id + " is taken by a post published " + existing.published()
                    + ": call update(id, post) to change it, or choose another slug");
        });
        Instant published = post.published().orElse(now);
        RenderedPost rendered = renderer.render(post, author, id, published, Optional.empty(), resolve(post));
        JsonObject create = renderer.create(rendered);
        StoredObject object = stored(rendered, username, published, Optional.empty(), Optional.empty(), false);
        URI activity = URI.create(create.getString("id"));
        if (!deliver) {
            store.objects().put(object);
            LOG.info("Imported {} (published {}), not delivered", id, published);
            return new Published(id, activity, 0, rendered.json());
        }
        int jobs = store.publish(object, batch(activity, username, create, rendered), now);
        LOG.info("Published {} as {}: {} deliveries queued", id, username, jobs);
        queued.run();
        return new Published(id, activity, jobs, rendered.json());
    }

    /**
     * Replaces the post {@code id} with {@code post} (same id, same {@code published}, a newer {@code updated}) and
     * queues its {@code Update}.
     *
     * @throws IllegalArgumentException if there is no such post, or it was deleted
     */
    public Published update(URI id, Post post) {
        StoredObject old = live(id);
        Checks.notNull(post, "post");
        Author author = author(old.actor());
        Instant now = clock.instant();
        Instant updated = old.updated()
                .filter(u -> !u.isBefore(now))
                .map(u -> u.plusMillis(1))
                .orElse(now);
        RenderedPost rendered = renderer.render(post, author, id, old.published(), Optional.of(updated), resolve(post));
        JsonObject update = renderer.update(rendered);
        StoredObject object =
                stored(rendered, old.actor(), old.published(), Optional.of(updated), Optional.empty(), old.pinned());
        URI activity = URI.create(update.getString("id"));
        int jobs = store.publish(object, batch(activity, old.actor(), update, rendered), now);
        LOG.info("Updated {}: {} deliveries queued", id, jobs);
        queued.run();
        return new Published(id, activity, jobs, rendered.json());
    }

    /**
     * Deletes the post {@code id}: it is served as a {@code Tombstone} with 410 from now on, and its {@code Delete}
     * is queued to the followers and to the actors the post mentioned. Returns how many deliveries were queued.
     *
     * @throws IllegalArgumentException if there is no such post, or it was deleted already
     */
    public int delete(URI id) {
        StoredObject old = live(id);
        Author author = author(old.actor());
        Instant now = clock.instant();
        Visibility visibility = visibility(old.visibility());
        JsonObject delete = renderer.delete(id, author, visibility, now);
        Tombstone tombstone = new Tombstone(id, Optional.of(old.type()), Optional.of(now));
        StoredObject gone = new StoredObject(
                id,
                old.actor(),
                old.type(),
                dev.herald.core.jsonld.DocumentWriter.create().write(tombstone),
                old.published(),
                old.updated(),
                Optional.of(now),
                old.visibility(),
                false);
        URI activity = URI.create(delete.getString("id"));
        int jobs = store.publish(
                gone,
                new DeliveryBatch(activity, old.actor(), delete.toString(), true, mentionedInboxes(old.json())),
                now);
        LOG.info("Deleted {}: {} deliveries queued", id, jobs);
        queued.run();
        return jobs;
    }

    /** Pins the post {@code id} to its actor's featured collection and queues the {@code Add}. */
    public int pin(URI id) {
        return pinned(id, true);
    }

    /** Unpins the post {@code id} and queues the {@code Remove}. */
    public int unpin(URI id) {
        return pinned(id, false);
    }

    private int pinned(URI id, boolean pin) {
        StoredObject old = live(id);
        if (old.pinned() == pin) {
            return 0;
        }
        Instant now = clock.instant();
        JsonObject activity = renderer.pin(id, author(old.actor()), pin, now);
        StoredObject object = new StoredObject(
                id,
                old.actor(),
                old.type(),
                old.json(),
                old.published(),
                old.updated(),
                old.deleted(),
                old.visibility(),
                pin);
        int jobs = store.publish(
                object,
                DeliveryBatch.toFollowers(URI.create(activity.getString("id")), old.actor(), activity.toString()),
                now);
        queued.run();
        return jobs;
    }

    private StoredObject live(URI id) {
        Checks.absolute(id, "id");
        StoredObject old =
                store.objects().find(id).orElseThrow(() -> new IllegalArgumentException("no post with id " + id));
        if (old.isDeleted()) {
            throw new IllegalArgumentException(
                    "the post " + id + " was deleted " + old.deleted().get());
        }
        return old;
    }

    // The inboxes of the actors a stored post mentions (its Mention tags), as far as they can be found.
    private List<URI> mentionedInboxes(String json) {
        List<URI> found = new ArrayList<>();
        try (JsonReader reader = Json.PROVIDER.createReader(new StringReader(json))) {
            JsonValue tags = reader.readObject().get("tag");
            if (tags instanceof JsonArray array) {
                for (JsonValue tag : array) {
                    if (tag instanceof JsonObject t
                            && "Mention".equals(t.getString("type", ""))
                            && !t.getString("href", "").isEmpty()) {
                        inboxOf(URI.create(t.getString("href"))).ifPresent(found::add);
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Mentions of a deleted post not read: {}", e.toString());
        }
        return found;
    }

    private Optional<URI> inboxOf(URI actor) {
        try {
            return inboxes.apply(actor).filter(u -> u.isAbsolute() && u.getHost() != null);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Author author(String username) {
        Checks.notNull(username, "username");
        if (!actors.contains(username)) {
            throw new IllegalArgumentException("no actor '" + username + "' is configured; known: " + actors);
        }
        return new Author(username, urls.actor(username), urls.followers(username), urls.featured(username));
    }

    private Map<String, MentionResolver.Resolved> resolve(Post post) {
        Map<String, MentionResolver.Resolved> resolved = new LinkedHashMap<>();
        for (String handle : post.mentions()) {
            try {
                mentions.resolve(handle).ifPresent(r -> resolved.put(handle, r));
            } catch (RuntimeException e) {
                LOG.info("Mention @{} not resolved: {}", handle, e.toString());
            }
        }
        return resolved;
    }

    private static DeliveryBatch batch(URI activity, String username, JsonObject json, RenderedPost rendered) {
        return new DeliveryBatch(activity, username, json.toString(), true, rendered.mentionInboxes());
    }

    private static StoredObject stored(
            RenderedPost rendered,
            String username,
            Instant published,
            Optional<Instant> updated,
            Optional<Instant> deleted,
            boolean pinned) {
        return new StoredObject(
                rendered.id(),
                username,
                rendered.note().typeName(),
                rendered.json().toString(),
                published,
                updated,
                deleted,
                rendered.visibility().stored(),
                pinned);
    }

    private static Visibility visibility(StoredObject.Visibility stored) {
        for (Visibility v : Visibility.values()) {
            if (v.stored() == stored) {
                return v;
            }
        }
        return Visibility.PUBLIC;
    }

    /** Configures an {@link Outbox}. Not thread-safe. */
    public static final class Builder {
        private final ActorUrls urls;
        private final Set<String> actors;
        private final HeraldStore store;
        private Clock clock = Clock.systemUTC();
        private PublishSettings settings;
        private MentionResolver mentions = MentionResolver.none();
        private Runnable queued = () -> {};
        private Function<URI, Optional<URI>> inboxes = actor -> Optional.empty();

        private Builder(ActorUrls urls, Set<String> actors, HeraldStore store) {
            this.urls = Checks.notNull(urls, "urls");
            this.actors = Checks.notNull(actors, "actors");
            this.store = Checks.notNull(store, "store");
        }

        /** Sets the clock. Default: the system clock. */
        public Builder clock(Clock time) {
            this.clock = Checks.notNull(time, "clock");
            return this;
        }

        /** Sets ids, tag pages and the Article threshold. Default: {@link PublishSettings#builder} for the site. */
        public Builder settings(PublishSettings publishSettings) {
            this.settings = Checks.notNull(publishSettings, "settings");
            return this;
        }

        /** Sets how mentions are resolved. Default: {@link MentionResolver#none()}. */
        public Builder mentionResolver(MentionResolver resolver) {
            this.mentions = Checks.notNull(resolver, "mentionResolver");
            return this;
        }

        /** Sets what runs after deliveries are queued (waking the delivery engine). Default: nothing. */
        public Builder onQueued(Runnable action) {
            this.queued = Checks.notNull(action, "onQueued");
            return this;
        }

        /**
         * Sets how a mentioned actor's delivery inbox is found when a post is deleted (its {@code Delete} goes to
         * them too). Default: not found, so the {@code Delete} goes to the followers only.
         */
        public Builder inboxLookup(Function<URI, Optional<URI>> lookup) {
            this.inboxes = Checks.notNull(lookup, "inboxLookup");
            return this;
        }

        /** The outbox. */
        public Outbox build() {
            return new Outbox(this);
        }
    }
}
