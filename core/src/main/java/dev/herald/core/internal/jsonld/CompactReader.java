package dev.herald.core.internal.jsonld;

import static dev.herald.core.internal.jsonld.Values.bool;
import static dev.herald.core.internal.jsonld.Values.instant;
import static dev.herald.core.internal.jsonld.Values.link;
import static dev.herald.core.internal.jsonld.Values.list;
import static dev.herald.core.internal.jsonld.Values.localized;
import static dev.herald.core.internal.jsonld.Values.ref;
import static dev.herald.core.internal.jsonld.Values.refs;
import static dev.herald.core.internal.jsonld.Values.text;
import static dev.herald.core.internal.jsonld.Values.types;

import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.ApObject;
import dev.herald.core.vocab.Collection;
import dev.herald.core.vocab.CollectionType;
import dev.herald.core.vocab.GenericObject;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.core.vocab.ObjectRef;
import dev.herald.core.vocab.PublicKey;
import dev.herald.core.vocab.Tombstone;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Reads compact ActivityStreams JSON (by Herald's term names) into the vocabulary. The fast path gives
 * it documents as received; the slow path gives it documents compacted against Herald's reading
 * context. Either way it accepts the shapes servers actually write: a string or an array, a URI or an
 * embedded object, {@code as:Public} for the public audience.
 *
 * <p>Stateless and thread-safe.
 */
public final class CompactReader {
    private static final List<String> KEY_TYPES = List.of("CryptographicKey", "Key");

    /** Reads {@code object} by its type; types Herald does not model become {@link GenericObject}. */
    public ApObject read(JsonObject object) {
        List<String> types = types(object);
        if (types.isEmpty()) {
            throw invalid("an object without a type" + idHint(object));
        }
        for (String type : types) {
            Optional<ApObject> read = readAs(type, object);
            if (read.isPresent()) {
                return read.get();
            }
        }
        return generic(object, types.get(0));
    }

    private Optional<ApObject> readAs(String type, JsonObject o) {
        Optional<ActorType> actorType = ActorType.fromJsonName(type);
        if (actorType.isPresent()) {
            return Optional.of(actor(o, actorType.get()));
        }
        Optional<ActivityType> activityType = ActivityType.fromJsonName(type);
        if (activityType.isPresent()) {
            return Optional.of(activity(o, activityType.get()));
        }
        Optional<NoteType> noteType = NoteType.fromJsonName(type);
        if (noteType.isPresent()) {
            return Optional.of(note(o, noteType.get()));
        }
        Optional<CollectionType> collectionType = CollectionType.fromJsonName(type);
        if (collectionType.isPresent()) {
            return Optional.of(collection(o, collectionType.get()));
        }
        if (type.equals("Tombstone")) {
            return Optional.of(new Tombstone(
                    required(o, "id", "Tombstone"), text(o.get("formerType")), instant(o.get("deleted"))));
        }
        if (KEY_TYPES.contains(type)) {
            return Optional.of(key(o));
        }
        return Optional.empty();
    }

    private Actor actor(JsonObject o, ActorType type) {
        URI id = required(o, "id", type.jsonName());
        URI inbox = required(o, "inbox", type.jsonName() + " " + id);
        Actor.Builder b = Actor.builder(id, type, inbox);
        localized(o, "preferredUsername", "preferredUsernameMap")
                .filter(u -> !u.isBlank())
                .ifPresent(b::preferredUsername);
        localized(o, "name", "nameMap").ifPresent(b::name);
        localized(o, "summary", "summaryMap").ifPresent(b::summary);
        link(o.get("url")).ifPresent(b::url);
        ref(o.get("outbox")).ifPresent(b::outbox);
        ref(o.get("followers")).ifPresent(b::followers);
        ref(o.get("following")).ifPresent(b::following);
        ref(o.get("featured")).ifPresent(b::featured);
        ref(o.get("featuredTags")).ifPresent(b::featuredTags);
        if (o.get("endpoints") instanceof JsonObject endpoints) {
            ref(endpoints.get("sharedInbox")).ifPresent(b::sharedInbox);
        }
        PartReader.image(o.get("icon")).ifPresent(b::icon);
        PartReader.image(o.get("image")).ifPresent(b::image);
        PartReader.publicKeys(o.get("publicKey"), id).forEach(b::addPublicKey);
        PartReader.fields(o.get("attachment")).forEach(b::addField);
        PartReader.tags(o.get("tag")).forEach(b::addTag);
        b.manuallyApprovesFollowers(bool(o.get("manuallyApprovesFollowers"), false));
        b.discoverable(bool(o.get("discoverable"), false));
        b.indexable(bool(o.get("indexable"), false));
        instant(o.get("published")).ifPresent(b::published);
        instant(o.get("updated")).ifPresent(b::updated);
        refs(o.get("alsoKnownAs")).forEach(b::addAlsoKnownAs);
        ref(o.get("movedTo")).ifPresent(b::movedTo);
        for (JsonValue domain : list(o.get("attributionDomains"))) {
            // Mastodon declares the term "@type": "@id", so after expansion a domain is an {"id": …}.
            JsonValue name = domain instanceof JsonObject d && !d.containsKey("@value") ? d.get("id") : domain;
            text(name).filter(d -> !d.isBlank()).ifPresent(b::addAttributionDomain);
        }
        return b.build();
    }

    private Note note(JsonObject o, NoteType type) {
        URI id = required(o, "id", type.jsonName());
        URI author = attributedTo(o.get("attributedTo"))
                .orElseThrow(() -> invalid(type.jsonName() + " " + id + " has no usable attributedTo"));
        Note.Builder b = Note.builder(id, type, author);
        localized(o, "name", "nameMap").ifPresent(b::name);
        localized(o, "summary", "summaryMap").ifPresent(b::summary);
        localized(o, "content", "contentMap").ifPresent(b::content);
        Values.languageMap(o.get("contentMap")).forEach(b::putContentMap);
        b.sensitive(bool(o.get("sensitive"), false));
        ref(o.get("inReplyTo")).ifPresent(b::inReplyTo);
        quote(o).ifPresent(b::quote);
        link(o.get("url")).ifPresent(b::url);
        instant(o.get("published")).ifPresent(b::published);
        instant(o.get("updated")).ifPresent(b::updated);
        refs(o.get("to")).forEach(b::addTo);
        refs(o.get("cc")).forEach(b::addCc);
        PartReader.tags(o.get("tag")).forEach(b::addTag);
        PartReader.attachments(o.get("attachment")).forEach(b::addAttachment);
        return b.build();
    }

    private static Optional<URI> quote(JsonObject o) {
        // FEP-044f, then the older spellings of Misskey/Akkoma, Fedibird and Misskey again.
        return ref(o.get("quote"))
                .or(() -> ref(o.get("quoteUrl")))
                .or(() -> ref(o.get("quoteUri")))
                .or(() -> ref(o.get("_misskey_quote")));
    }

    private Activity activity(JsonObject o, ActivityType type) {
        URI actor =
                ref(o.get("actor")).orElseThrow(() -> invalid(type.jsonName() + idHint(o) + " has no usable actor"));
        Activity.Builder b = Activity.builder(type, actor);
        ref(o.get("id")).ifPresent(b::id);
        for (JsonValue object : list(o.get("object"))) {
            objectRef(object).ifPresent(b::object);
        }
        ref(o.get("target")).ifPresent(b::target);
        list(o.get("instrument")).stream().findFirst().flatMap(this::objectRef).ifPresent(b::instrument);
        refs(o.get("to")).forEach(b::addTo);
        refs(o.get("cc")).forEach(b::addCc);
        instant(o.get("published")).ifPresent(b::published);
        localized(o, "content", "contentMap")
                .or(() -> text(o.get("_misskey_reaction")))
                .ifPresent(b::content);
        return b.build();
    }

    private Collection collection(JsonObject o, CollectionType type) {
        Collection.Builder b = Collection.builder(type);
        ref(o.get("id")).ifPresent(b::id);
        Values.count(o.get("totalItems")).ifPresent(b::totalItems);
        objectRef(o.get("first")).ifPresent(b::first);
        objectRef(o.get("last")).ifPresent(b::last);
        ref(o.get("next")).ifPresent(b::next);
        ref(o.get("prev")).ifPresent(b::prev);
        ref(o.get("partOf")).ifPresent(b::partOf);
        JsonValue items = o.containsKey("orderedItems") ? o.get("orderedItems") : o.get("items");
        for (JsonValue item : list(items)) {
            objectRef(item).ifPresent(b::addItem);
        }
        return b.build();
    }

    private PublicKey key(JsonObject o) {
        URI id = required(o, "id", "CryptographicKey");
        URI owner = required(o, "owner", "CryptographicKey " + id);
        String pem = text(o.get("publicKeyPem"))
                .filter(p -> !p.isBlank())
                .orElseThrow(() -> invalid("CryptographicKey " + id + " has no publicKeyPem"));
        return new PublicKey(id, owner, pem);
    }

    private GenericObject generic(JsonObject o, String type) {
        GenericObject.Builder b = GenericObject.builder(type);
        ref(o.get("id")).ifPresent(b::id);
        attributedTo(o.get("attributedTo")).ifPresent(b::attributedTo);
        localized(o, "name", "nameMap").ifPresent(b::name);
        localized(o, "summary", "summaryMap").ifPresent(b::summary);
        localized(o, "content", "contentMap").ifPresent(b::content);
        b.sensitive(bool(o.get("sensitive"), false));
        link(o.get("url")).ifPresent(b::url);
        ref(o.get("inReplyTo")).ifPresent(b::inReplyTo);
        instant(o.get("published")).ifPresent(b::published);
        instant(o.get("updated")).ifPresent(b::updated);
        refs(o.get("to")).forEach(b::addTo);
        refs(o.get("cc")).forEach(b::addCc);
        return b.build();
    }

    /**
     * An embedded object or a URI. An embedded object too incomplete to read (a note without an author)
     * is kept as a reference to its id, so the activity around it still reads.
     */
    private Optional<ObjectRef> objectRef(JsonValue value) {
        if (value instanceof JsonString) {
            return ref(value).map(ObjectRef::of);
        }
        if (value instanceof JsonObject o) {
            if (!o.containsKey("type")) {
                return ref(o.get("id")).map(ObjectRef::of);
            }
            try {
                return Optional.of(ObjectRef.of(read(o)));
            } catch (InvalidDocumentException e) {
                if (e.reason() == Reason.INVALID_OBJECT && ref(o.get("id")).isPresent()) {
                    return ref(o.get("id")).map(ObjectRef::of);
                }
                throw e;
            }
        }
        return Optional.empty();
    }

    /** The author: the first {@code Person} among several (PeerTube lists the channel too), else the first. */
    private static Optional<URI> attributedTo(JsonValue value) {
        for (JsonValue element : list(value)) {
            if (element instanceof JsonObject o && types(o).contains("Person")) {
                Optional<URI> person = ref(o.get("id"));
                if (person.isPresent()) {
                    return person;
                }
            }
        }
        return ref(value);
    }

    private static URI required(JsonObject o, String key, String what) {
        return ref(o.get(key)).orElseThrow(() -> invalid(what + " has no usable " + key));
    }

    private static String idHint(JsonObject o) {
        return ref(o.get("id")).map(id -> " " + id).orElse("");
    }

    private static InvalidDocumentException invalid(String message) {
        return new InvalidDocumentException(Reason.INVALID_OBJECT, message);
    }
}
