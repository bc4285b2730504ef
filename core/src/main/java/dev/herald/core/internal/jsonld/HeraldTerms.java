package dev.herald.core.internal.jsonld;

import dev.herald.core.jsonld.ReaderSettings;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terms Herald's fast path reads by name, and the IRIs each may stand for. A document whose
 * contexts map one of these terms anywhere else is read through JSON-LD expansion instead.
 *
 * <p>The canonical IRIs come from evaluating Herald's own reading context (ActivityStreams, security
 * v1 and {@link Extension#readMap()}), so this table cannot drift from it. Immutable and thread-safe.
 */
final class HeraldTerms {
    /** Every term the compact reader looks at, properties and type names. */
    static final List<String> NAMES = List.of(
            "id",
            "type",
            "actor",
            "object",
            "target",
            "instrument",
            "attributedTo",
            "to",
            "cc",
            "content",
            "contentMap",
            "summary",
            "summaryMap",
            "name",
            "nameMap",
            "url",
            "href",
            "mediaType",
            "icon",
            "image",
            "inReplyTo",
            "published",
            "updated",
            "deleted",
            "formerType",
            "tag",
            "attachment",
            "width",
            "height",
            "totalItems",
            "first",
            "last",
            "next",
            "prev",
            "partOf",
            "items",
            "orderedItems",
            "inbox",
            "outbox",
            "followers",
            "following",
            "preferredUsername",
            "endpoints",
            "sharedInbox",
            "sensitive",
            "manuallyApprovesFollowers",
            "alsoKnownAs",
            "movedTo",
            "publicKey",
            "publicKeyPem",
            "owner",
            "discoverable",
            "indexable",
            "featured",
            "featuredTags",
            "blurhash",
            "focalPoint",
            "attributionDomains",
            "value",
            "quote",
            "quoteUrl",
            "quoteUri",
            "_misskey_quote",
            "_misskey_reaction",
            // type names
            "Person",
            "Organization",
            "Service",
            "Application",
            "Group",
            "Note",
            "Article",
            "Create",
            "Update",
            "Delete",
            "Follow",
            "Accept",
            "Reject",
            "Undo",
            "Like",
            "Announce",
            "Move",
            "Block",
            "Flag",
            "Add",
            "Remove",
            "QuoteRequest",
            "Tombstone",
            "Collection",
            "OrderedCollection",
            "CollectionPage",
            "OrderedCollectionPage",
            "Image",
            "Document",
            "Video",
            "Audio",
            "Link",
            "Mention",
            "Hashtag",
            "Emoji",
            "PropertyValue",
            "CryptographicKey");

    /** Other spellings of the same thing seen in the wild: schema.org with a slash, or over https. */
    private static final Map<String, Set<String>> ALIASES = Map.of(
            "PropertyValue", Set.of("http://schema.org/PropertyValue", "https://schema.org/PropertyValue"),
            "value", Set.of("http://schema.org/value", "https://schema.org/value"),
            "id", Set.of("@id"),
            "type", Set.of("@type"));

    /**
     * The context Herald reads by: expanded documents are compacted against it, and the fast path
     * compares documents' term definitions with it.
     */
    static final JsonObject READING_CONTEXT = LimitedJsonParser.BUILDERS
            .createObjectBuilder()
            .add(
                    "@context",
                    LimitedJsonParser.BUILDERS
                            .createArrayBuilder()
                            .add(ContextLibrary.ACTIVITYSTREAMS)
                            .add(ContextLibrary.SECURITY_V1)
                            .add(Extension.readMap()))
            .build();

    private static final Map<String, String> CANONICAL = canonicalIris();

    private HeraldTerms() {}

    private static Map<String, String> canonicalIris() {
        TermScope scope = new TermScope(new ContextLibrary(ReaderSettings.defaults()));
        scope.applyTrusted(READING_CONTEXT.get("@context"), 0);
        Map<String, String> canonical = new HashMap<>();
        for (String name : NAMES) {
            String iri = scope.definitions().get(name);
            if (iri == null || TermScope.UNRESOLVED.equals(iri)) {
                throw new IllegalStateException("Herald's reading context does not define " + name);
            }
            canonical.put(name, iri);
        }
        return Map.copyOf(canonical);
    }

    /** The canonical IRI of a Herald term, or null if {@code name} is not one. */
    static String canonical(String name) {
        return CANONICAL.get(name);
    }

    /**
     * The first Herald term that {@code definitions} maps to an IRI other than its own, or null if
     * every Herald term it defines keeps its meaning.
     */
    static String firstConflict(Map<String, String> definitions) {
        for (Map.Entry<String, String> entry : definitions.entrySet()) {
            String canonical = CANONICAL.get(entry.getKey());
            if (canonical == null) {
                continue;
            }
            String iri = entry.getValue();
            if (!canonical.equals(iri)
                    && !ALIASES.getOrDefault(entry.getKey(), Set.of()).contains(iri)) {
                return entry.getKey() + " -> " + (TermScope.UNRESOLVED.equals(iri) ? "(unresolvable)" : iri);
            }
        }
        return null;
    }
}
