package dev.herald.samples;

import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.Follower;
import dev.herald.core.store.HeraldStore;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers the admin page shows: posts with their likes, boosts, replies and quotes, followers and their growth. Read
 * from the store on each call. Thread-safe.
 */
final class Stats {
    private static final int MAX_FOLLOWERS_SCANNED = 10_000;
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private final Fediverse fediverse;
    private final HeraldStore store;
    private final String username;

    Stats(Fediverse fediverse, HeraldStore store) {
        this.fediverse = fediverse;
        this.store = store;
        this.username = usernameOf(fediverse);
    }

    private static String usernameOf(Fediverse fediverse) {
        String path = fediverse.actor().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code {"items": [post…]}}, newest first. */
    JsonObject posts(int limit) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (StoredObject o : objects(limit)) {
            items.add(post(o));
        }
        return Json.createObjectBuilder().add("items", items).build();
    }

    /** Engagement per post, follower counts and the followers over time. */
    JsonObject all() {
        List<StoredObject> posts = objects(100);
        JsonArrayBuilder items = Json.createArrayBuilder();
        long likes = 0;
        long boosts = 0;
        long replies = 0;
        long quotes = 0;
        for (StoredObject o : posts) {
            EngagementCounts c = store.engagement().counts(o.id());
            likes += c.likes();
            boosts += c.boosts();
            replies += c.replies();
            quotes += c.quotes();
            items.add(post(o));
        }
        return Json.createObjectBuilder()
                .add("followers", fediverse.followerCount(Follower.State.ACCEPTED))
                .add("pendingFollowers", fediverse.followerCount(Follower.State.PENDING))
                .add("following", store.following().count(username))
                .add(
                        "totals",
                        Json.createObjectBuilder()
                                .add("posts", store.objects().countByActor(username))
                                .add("likes", likes)
                                .add("boosts", boosts)
                                .add("replies", replies)
                                .add("quotes", quotes))
                .add("posts", items)
                .add("followersOverTime", followersOverTime())
                .build();
    }

    private List<StoredObject> objects(int limit) {
        List<StoredObject> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<StoredObject> page =
                    store.objects().listByActor(username, new PageRequest(cursor, Math.min(limit, 200)));
            out.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent() && out.size() < limit);
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private JsonObject post(StoredObject o) {
        EngagementCounts c = store.engagement().counts(o.id());
        JsonObjectBuilder post = Json.createObjectBuilder()
                .add("id", o.id().toString())
                .add("type", o.type())
                .add("published", o.published().toString())
                .add("visibility", o.visibility().name().toLowerCase(java.util.Locale.ROOT))
                .add("deleted", o.isDeleted())
                .add("likes", c.likes())
                .add("boosts", c.boosts())
                .add("replies", c.replies())
                .add("quotes", c.quotes());
        o.updated().ifPresent(u -> post.add("updated", u.toString()));
        JsonObject document = Fediverse.parse(o.json());
        post.add("content", document.getString("content", ""));
        if (document.get("summary") instanceof jakarta.json.JsonString s) {
            post.add("summary", s.getString());
        }
        if (document.get("url") instanceof jakarta.json.JsonString s) {
            post.add("url", s.getString());
        }
        if (document.get("attachment") instanceof jakarta.json.JsonArray a) {
            post.add("attachments", a);
        }
        quotePolicy(document).ifPresent(p -> post.add("quotePolicy", p));
        return post.build();
    }

    /**
     * The post's quote policy as the admin API names it, read back from {@code interactionPolicy.canQuote}; empty
     * for posts written before Herald wrote policies, and for policies the API cannot set.
     */
    private Optional<String> quotePolicy(JsonObject document) {
        if (!(document.get("interactionPolicy") instanceof JsonObject policy)
                || !(policy.get("canQuote") instanceof JsonObject canQuote)) {
            return Optional.empty();
        }
        Set<String> automatic = entries(canQuote.get("automaticApproval"));
        Set<String> manual = entries(canQuote.get("manualApproval"));
        // Herald names the author alone when nobody else is approved at once; anyone else is the followers collection.
        automatic.remove(fediverse.actor().toString());
        if (manual.isEmpty()) {
            return Optional.of(
                    automatic.isEmpty() ? "nobody" : automatic.equals(Set.of(PUBLIC)) ? "public" : "followers");
        }
        return automatic.isEmpty() && manual.equals(Set.of(PUBLIC)) ? Optional.of("manual") : Optional.empty();
    }

    private static Set<String> entries(jakarta.json.JsonValue value) {
        Set<String> out = new HashSet<>();
        if (value instanceof jakarta.json.JsonString s) {
            out.add(s.getString());
        } else if (value instanceof jakarta.json.JsonArray a) {
            for (jakarta.json.JsonValue v : a) {
                if (v instanceof jakarta.json.JsonString s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }

    /** {@code [{"date": "2026-11-22", "followers": N}, …]}: accepted followers at the end of each day with gains. */
    private JsonArrayBuilder followersOverTime() {
        TreeMap<LocalDate, Long> gained = new TreeMap<>();
        for (Follower f : fediverse.followers(Follower.State.ACCEPTED, MAX_FOLLOWERS_SCANNED)) {
            gained.merge(LocalDate.ofInstant(f.since(), ZoneOffset.UTC), 1L, Long::sum);
        }
        JsonArrayBuilder out = Json.createArrayBuilder();
        long total = 0;
        for (var e : gained.entrySet()) {
            total += e.getValue();
            out.add(Json.createObjectBuilder()
                    .add("date", e.getKey().toString())
                    .add("followers", total));
        }
        return out;
    }
}
