package dev.herald.core.internal.http;

import dev.herald.core.ActorProfile;
import dev.herald.core.store.Follower;
import dev.herald.core.store.Page;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An actor's collections as Mastodon serves them: an {@code OrderedCollection} with {@code totalItems} and a
 * {@code first} page ({@code ?page=1}), and {@code OrderedCollectionPage}s with {@code partOf}, the items and a
 * {@code next} link ({@code ?page=<cursor>}) while there are more. The outbox lists {@code Create} activities
 * that embed the public and unlisted objects; the featured collection embeds the pinned ones in one document.
 * Hidden followers or following show only their count. Not part of the API. Immutable and thread-safe.
 */
final class Collections {
    private static final String AS = "https://www.w3.org/ns/activitystreams";

    private final Site site;

    Collections(Site site) {
        this.site = site;
    }

    /** The collection or page of {@code kind} for {@code profile}, as {@code page} asks. */
    JsonObject of(ActorProfile profile, Route.Kind kind, PageParameter page) {
        String username = profile.username();
        switch (kind) {
            case FOLLOWERS: {
                URI id = site.urls().followers(username);
                long total = site.store().followers().count(username, Follower.State.ACCEPTED);
                if (profile.hideFollowers()) {
                    return hidden(id, total, page);
                }
                return paged(
                        id,
                        total,
                        page,
                        request -> site.store().followers().list(username, Follower.State.ACCEPTED, request),
                        f -> Optional.of(Json.PROVIDER.createValue(f.follower().toString())));
            }
            case FOLLOWING: {
                URI id = site.urls().following(username);
                long total = site.store().following().count(username);
                if (profile.hideFollowing()) {
                    return hidden(id, total, page);
                }
                return paged(
                        id,
                        total,
                        page,
                        request -> site.store().following().list(username, request),
                        f -> Optional.of(Json.PROVIDER.createValue(f.followee().toString())));
            }
            case OUTBOX: {
                URI id = site.urls().outbox(username);
                long total = site.store().objects().countByActor(username);
                URI actor = site.urls().actor(username);
                return paged(
                        id,
                        total,
                        page,
                        request -> site.store().objects().listByActor(username, request),
                        o -> isPublic(o) ? Optional.of(create(actor, o)) : Optional.empty());
            }
            case FEATURED:
            default:
                return featured(username, page);
        }
    }

    /** The instance actor's outbox: always empty. */
    JsonObject emptyOutbox(URI id) {
        return Json.object()
                .add("@context", AS)
                .add("id", id.toString())
                .add("type", "OrderedCollection")
                .add("totalItems", 0)
                .add("orderedItems", Json.PROVIDER.createArrayBuilder())
                .build();
    }

    private JsonObject featured(String username, PageParameter page) {
        if (page.requested()) {
            throw new NotFound("the featured collection has no pages: fetch it without a page parameter");
        }
        Page<StoredObject> pinned =
                site.store().objects().listPinned(username, PageRequest.first(Math.min(site.pageSize(), 100)));
        List<JsonObject> items = new ArrayList<>();
        for (StoredObject object : pinned.items()) {
            if (isPublic(object)) {
                items.add(Json.parse(object.json()));
            }
        }
        JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
        items.forEach(item -> array.add(withoutContext(item)));
        return Json.object()
                .add("@context", mergedContext(items))
                .add("id", site.urls().featured(username).toString())
                .add("type", "OrderedCollection")
                .add("totalItems", items.size())
                .add("orderedItems", array)
                .build();
    }

    private static JsonObject hidden(URI id, long total, PageParameter page) {
        if (page.requested()) {
            throw new NotFound("this collection shows only its count");
        }
        return Json.object()
                .add("@context", AS)
                .add("id", id.toString())
                .add("type", "OrderedCollection")
                .add("totalItems", total)
                .build();
    }

    private <T> JsonObject paged(
            URI id,
            long total,
            PageParameter page,
            Function<PageRequest, Page<T>> list,
            Function<T, Optional<JsonValue>> item) {
        if (!page.requested()) {
            return Json.object()
                    .add("@context", AS)
                    .add("id", id.toString())
                    .add("type", "OrderedCollection")
                    .add("totalItems", total)
                    .add("first", id + "?page=" + PageParameter.FIRST)
                    .build();
        }
        PageRequest request = page.cursor()
                .map(cursor -> PageRequest.after(cursor, site.pageSize()))
                .orElse(PageRequest.first(site.pageSize()));
        Page<T> found;
        try {
            found = list.apply(request);
        } catch (IllegalArgumentException e) {
            throw new PageParameter.BadRequest(
                    "the page parameter is not a page of this collection; start again" + " with page=1");
        }
        List<JsonValue> items = new ArrayList<>();
        for (T t : found.items()) {
            item.apply(t).ifPresent(items::add);
        }
        List<JsonObject> embedded = new ArrayList<>();
        JsonArrayBuilder array = Json.PROVIDER.createArrayBuilder();
        for (JsonValue value : items) {
            if (value instanceof JsonObject object) {
                embedded.add(object);
                array.add(withoutContext(object));
            } else {
                array.add(value);
            }
        }
        String pageId = id + "?page=" + page.cursor().map(PageParameter::encode).orElse(PageParameter.FIRST);
        JsonObjectBuilder out = Json.object()
                .add("@context", mergedContext(embedded))
                .add("id", pageId)
                .add("type", "OrderedCollectionPage")
                .add("totalItems", total)
                .add("partOf", id.toString());
        found.next().ifPresent(next -> out.add("next", id + "?page=" + PageParameter.encode(next)));
        return out.add("orderedItems", array).build();
    }

    // The Create that published the object; its id is the object's with #create, as the store keeps no activity.
    private static JsonObject create(URI actor, StoredObject object) {
        JsonObject json = Json.parse(object.json());
        JsonObjectBuilder create = Json.object()
                .add("@context", json.containsKey("@context") ? json.get("@context") : Json.PROVIDER.createValue(AS))
                .add("id", object.id() + "#create")
                .add("type", "Create")
                .add("actor", actor.toString())
                .add("published", object.published().toString());
        for (String audience : List.of("to", "cc")) {
            if (json.containsKey(audience)) {
                create.add(audience, json.get(audience));
            }
        }
        return create.add("object", withoutContext(json)).build();
    }

    private static boolean isPublic(StoredObject object) {
        return !object.isDeleted() && object.visibility() != StoredObject.Visibility.FOLLOWERS;
    }

    private static JsonObject withoutContext(JsonObject object) {
        if (!object.containsKey("@context")) {
            return object;
        }
        JsonObjectBuilder out = Json.object();
        object.forEach((key, value) -> {
            if (!key.equals("@context")) {
                out.add(key, value);
            }
        });
        return out.build();
    }

    /** ActivityStreams, the other context URLs the items use, and one map of every inline term they define. */
    private static JsonValue mergedContext(List<JsonObject> items) {
        List<String> urls = new ArrayList<>();
        JsonObjectBuilder terms = Json.object();
        List<String> defined = new ArrayList<>();
        for (JsonObject item : items) {
            JsonValue context = item.get("@context");
            List<JsonValue> parts = context == null
                    ? List.of()
                    : context.getValueType() == JsonValue.ValueType.ARRAY ? context.asJsonArray() : List.of(context);
            for (JsonValue part : parts) {
                if (part.getValueType() == JsonValue.ValueType.STRING) {
                    String url = ((JsonString) part).getString();
                    if (!url.equals(AS) && !urls.contains(url)) {
                        urls.add(url);
                    }
                } else if (part instanceof JsonObject map) {
                    map.forEach((term, definition) -> {
                        if (!defined.contains(term)) {
                            defined.add(term);
                            terms.add(term, definition);
                        }
                    });
                }
            }
        }
        if (urls.isEmpty() && defined.isEmpty()) {
            return Json.PROVIDER.createValue(AS);
        }
        JsonArrayBuilder context = Json.PROVIDER.createArrayBuilder().add(AS);
        urls.forEach(context::add);
        if (!defined.isEmpty()) {
            context.add(terms);
        }
        return context.build();
    }

    /** A document that does not exist: answered with 404 and the message. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String reason) {
            super(reason);
        }
    }
}
