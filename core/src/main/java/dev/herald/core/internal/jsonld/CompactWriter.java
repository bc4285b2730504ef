package dev.herald.core.internal.jsonld;

import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ApObject;
import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.Collection;
import dev.herald.core.vocab.GenericObject;
import dev.herald.core.vocab.Image;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.ObjectRef;
import dev.herald.core.vocab.PropertyValue;
import dev.herald.core.vocab.PublicKey;
import dev.herald.core.vocab.Tag;
import dev.herald.core.vocab.Tombstone;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the vocabulary as compact ActivityStreams JSON in the shape Mastodon writes and reads: the
 * {@code @context} lists ActivityStreams, then security v1 if the document carries a key, then an inline
 * map of exactly the extension terms used; audiences, tags and attachments are always arrays; the
 * public audience is the full IRI; absent values are left out rather than written as null.
 *
 * <p>Not thread-safe: one instance per document (it collects the extensions used).
 */
public final class CompactWriter {
    private static final JsonBuilderFactory JSON = LimitedJsonParser.BUILDERS;

    private final Set<Extension> used = EnumSet.noneOf(Extension.class);
    private boolean security;

    /** {@code object} as a complete document, with its {@code @context}. */
    public JsonObject document(ApObject object) {
        JsonObject body = object(object);
        JsonObjectBuilder document = JSON.createObjectBuilder().add("@context", context());
        body.forEach(document::add);
        return document.build();
    }

    private jakarta.json.JsonValue context() {
        if (!security && used.isEmpty()) {
            return LimitedJsonParser.PROVIDER.createValue(ContextLibrary.ACTIVITYSTREAMS);
        }
        JsonArrayBuilder context = JSON.createArrayBuilder().add(ContextLibrary.ACTIVITYSTREAMS);
        if (security) {
            context.add(ContextLibrary.SECURITY_V1);
        }
        if (!used.isEmpty()) {
            context.add(Extension.writeMap(used));
        }
        return context.build();
    }

    private JsonObject object(ApObject object) {
        if (object instanceof Actor actor) {
            return actor(actor);
        } else if (object instanceof Note note) {
            return note(note);
        } else if (object instanceof Activity activity) {
            return activity(activity);
        } else if (object instanceof Collection collection) {
            return collection(collection);
        } else if (object instanceof Tombstone tombstone) {
            return tombstone(tombstone);
        } else if (object instanceof PublicKey key) {
            security = true;
            return key(key).add("type", key.typeName()).build();
        } else {
            return generic((GenericObject) object);
        }
    }

    private JsonObject actor(Actor a) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", a.id().toString())
                .add("type", a.type().jsonName());
        uri(o, "following", a.following());
        uri(o, "followers", a.followers());
        o.add("inbox", a.inbox().toString());
        uri(o, "outbox", a.outbox());
        if (a.featured().isPresent() || a.featuredTags().isPresent()) {
            used.add(Extension.FEATURED);
            uri(o, "featured", a.featured());
            uri(o, "featuredTags", a.featuredTags());
        }
        text(o, "preferredUsername", a.preferredUsername());
        text(o, "name", a.name());
        text(o, "summary", a.summary());
        uri(o, "url", a.url());
        used.add(Extension.MANUALLY_APPROVES_FOLLOWERS);
        used.add(Extension.DISCOVERABLE);
        used.add(Extension.INDEXABLE);
        o.add("manuallyApprovesFollowers", a.manuallyApprovesFollowers())
                .add("discoverable", a.discoverable())
                .add("indexable", a.indexable());
        instant(o, "published", a.published());
        instant(o, "updated", a.updated());
        if (!a.attributionDomains().isEmpty()) {
            used.add(Extension.ATTRIBUTION_DOMAINS);
            JsonArrayBuilder domains = JSON.createArrayBuilder();
            a.attributionDomains().forEach(domains::add);
            o.add("attributionDomains", domains);
        }
        if (!a.alsoKnownAs().isEmpty()) {
            used.add(Extension.ALSO_KNOWN_AS);
            o.add("alsoKnownAs", uris(a.alsoKnownAs()));
        }
        if (a.movedTo().isPresent()) {
            used.add(Extension.MOVED_TO);
            uri(o, "movedTo", a.movedTo());
        }
        if (!a.publicKeys().isEmpty()) {
            security = true;
            if (a.publicKeys().size() == 1) {
                o.add("publicKey", key(a.publicKeys().get(0)));
            } else {
                JsonArrayBuilder keys = JSON.createArrayBuilder();
                a.publicKeys().forEach(k -> keys.add(key(k)));
                o.add("publicKey", keys);
            }
        }
        o.add("tag", tags(a.tags()));
        o.add("attachment", fields(a.fields()));
        a.sharedInbox()
                .ifPresent(s -> o.add("endpoints", JSON.createObjectBuilder().add("sharedInbox", s.toString())));
        a.icon().ifPresent(i -> o.add("icon", image(i)));
        a.image().ifPresent(i -> o.add("image", image(i)));
        return o.build();
    }

    private JsonObject note(Note n) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", n.id().toString())
                .add("type", n.type().jsonName());
        text(o, "name", n.name());
        text(o, "summary", n.summary());
        uri(o, "inReplyTo", n.inReplyTo());
        instant(o, "published", n.published());
        instant(o, "updated", n.updated());
        uri(o, "url", n.url());
        o.add("attributedTo", n.attributedTo().toString());
        o.add("to", uris(n.to())).add("cc", uris(n.cc()));
        used.add(Extension.SENSITIVE);
        o.add("sensitive", n.sensitive());
        text(o, "content", n.content());
        if (!n.contentMap().isEmpty()) {
            JsonObjectBuilder map = JSON.createObjectBuilder();
            n.contentMap().forEach(map::add);
            o.add("contentMap", map);
        }
        if (n.quote().isPresent()) {
            // Mastodon writes all three spellings so that older servers see the quote too.
            used.add(Extension.QUOTES);
            String quote = n.quote().get().toString();
            o.add("quote", quote).add("quoteUri", quote).add("_misskey_quote", quote);
        }
        o.add("attachment", attachments(n.attachments()));
        o.add("tag", tags(n.tags()));
        return o.build();
    }

    private JsonObject activity(Activity a) {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        a.id().ifPresent(id -> o.add("id", id.toString()));
        o.add("type", a.type().jsonName()).add("actor", a.actor().toString());
        instant(o, "published", a.published());
        if (!a.to().isEmpty() || !a.cc().isEmpty()) {
            o.add("to", uris(a.to())).add("cc", uris(a.cc()));
        }
        if (a.objects().size() == 1) {
            ref(o, "object", a.objects().get(0));
        } else if (!a.objects().isEmpty()) {
            JsonArrayBuilder objects = JSON.createArrayBuilder();
            for (ObjectRef ref : a.objects()) {
                if (ref instanceof ObjectRef.Embedded embedded) {
                    objects.add(object(embedded.object()));
                } else {
                    objects.add(((ObjectRef.Link) ref).uri().toString());
                }
            }
            o.add("object", objects);
        }
        uri(o, "target", a.target());
        a.instrument().ifPresent(instrument -> ref(o, "instrument", instrument));
        if (a.type() == ActivityType.QUOTE_REQUEST) {
            used.add(Extension.QUOTE_REQUESTS);
        }
        text(o, "content", a.content());
        return o.build();
    }

    private JsonObject collection(Collection c) {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        c.id().ifPresent(id -> o.add("id", id.toString()));
        o.add("type", c.type().jsonName());
        c.totalItems().ifPresent(n -> o.add("totalItems", n));
        c.first().ifPresent(first -> ref(o, "first", first));
        c.last().ifPresent(last -> ref(o, "last", last));
        uri(o, "next", c.next());
        uri(o, "prev", c.prev());
        uri(o, "partOf", c.partOf());
        if (c.type().page() || !c.items().isEmpty()) {
            JsonArrayBuilder items = JSON.createArrayBuilder();
            for (ObjectRef item : c.items()) {
                if (item instanceof ObjectRef.Embedded embedded) {
                    items.add(object(embedded.object()));
                } else {
                    items.add(((ObjectRef.Link) item).uri().toString());
                }
            }
            o.add(c.type().ordered() ? "orderedItems" : "items", items);
        }
        return o.build();
    }

    private JsonObject tombstone(Tombstone t) {
        JsonObjectBuilder o =
                JSON.createObjectBuilder().add("id", t.id().toString()).add("type", "Tombstone");
        text(o, "formerType", t.formerType());
        instant(o, "deleted", t.deleted());
        return o.build();
    }

    private JsonObject generic(GenericObject g) {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        g.id().ifPresent(id -> o.add("id", id.toString()));
        o.add("type", g.type());
        uri(o, "attributedTo", g.attributedTo());
        text(o, "name", g.name());
        text(o, "summary", g.summary());
        text(o, "content", g.content());
        if (g.sensitive()) {
            used.add(Extension.SENSITIVE);
            o.add("sensitive", true);
        }
        uri(o, "url", g.url());
        uri(o, "inReplyTo", g.inReplyTo());
        instant(o, "published", g.published());
        instant(o, "updated", g.updated());
        if (!g.to().isEmpty() || !g.cc().isEmpty()) {
            o.add("to", uris(g.to())).add("cc", uris(g.cc()));
        }
        return o.build();
    }

    private static JsonObjectBuilder key(PublicKey k) {
        return JSON.createObjectBuilder()
                .add("id", k.id().toString())
                .add("owner", k.owner().toString())
                .add("publicKeyPem", k.publicKeyPem());
    }

    private JsonArrayBuilder tags(List<Tag> tags) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Tag tag : tags) {
            if (tag instanceof Tag.Hashtag h) {
                used.add(Extension.HASHTAG);
                JsonObjectBuilder o = JSON.createObjectBuilder().add("type", "Hashtag");
                uri(o, "href", h.href());
                array.add(o.add("name", h.name()));
            } else if (tag instanceof Tag.Mention m) {
                JsonObjectBuilder o = JSON.createObjectBuilder()
                        .add("type", "Mention")
                        .add("href", m.href().toString());
                text(o, "name", m.name());
                array.add(o);
            } else {
                Tag.Emoji e = (Tag.Emoji) tag;
                used.add(Extension.EMOJI);
                JsonObjectBuilder o = JSON.createObjectBuilder();
                uri(o, "id", e.id());
                o.add("type", "Emoji").add("name", e.name());
                instant(o, "updated", e.updated());
                array.add(o.add("icon", image(e.icon())));
            }
        }
        return array;
    }

    private JsonArrayBuilder attachments(List<Attachment> attachments) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Attachment a : attachments) {
            JsonObjectBuilder o = JSON.createObjectBuilder().add("type", a.type());
            text(o, "mediaType", a.mediaType());
            o.add("url", a.url().toString());
            text(o, "name", a.name());
            if (a.blurhash().isPresent()) {
                used.add(Extension.BLURHASH);
                o.add("blurhash", a.blurhash().get());
            }
            if (a.focalPoint().isPresent()) {
                used.add(Extension.FOCAL_POINT);
                o.add(
                        "focalPoint",
                        JSON.createArrayBuilder()
                                .add(a.focalPoint().get().x())
                                .add(a.focalPoint().get().y()));
            }
            a.width().ifPresent(w -> o.add("width", w));
            a.height().ifPresent(h -> o.add("height", h));
            array.add(o);
        }
        return array;
    }

    private JsonArrayBuilder fields(List<PropertyValue> fields) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        if (!fields.isEmpty()) {
            used.add(Extension.PROPERTY_VALUE);
        }
        for (PropertyValue field : fields) {
            array.add(JSON.createObjectBuilder()
                    .add("type", "PropertyValue")
                    .add("name", field.name())
                    .add("value", field.value()));
        }
        return array;
    }

    private static JsonObjectBuilder image(Image image) {
        JsonObjectBuilder o = JSON.createObjectBuilder().add("type", "Image");
        text(o, "mediaType", image.mediaType());
        o.add("url", image.url().toString());
        text(o, "name", image.name());
        return o;
    }

    private void ref(JsonObjectBuilder o, String key, ObjectRef ref) {
        if (ref instanceof ObjectRef.Embedded embedded) {
            o.add(key, object(embedded.object()));
        } else {
            o.add(key, ((ObjectRef.Link) ref).uri().toString());
        }
    }

    private static JsonArrayBuilder uris(List<URI> uris) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        uris.forEach(uri -> array.add(uri.toString()));
        return array;
    }

    private static void uri(JsonObjectBuilder o, String key, Optional<URI> value) {
        value.ifPresent(v -> o.add(key, v.toString()));
    }

    private static void text(JsonObjectBuilder o, String key, Optional<String> value) {
        value.ifPresent(v -> o.add(key, v));
    }

    private static void instant(JsonObjectBuilder o, String key, Optional<Instant> value) {
        value.ifPresent(v -> o.add(key, v.toString()));
    }
}
