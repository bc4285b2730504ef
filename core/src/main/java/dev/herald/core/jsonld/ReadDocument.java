package dev.herald.core.jsonld;

import dev.herald.core.internal.Checks;
import dev.herald.core.vocab.ApObject;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The result of reading a document: the object, and the JSON it came from for anything Herald does not
 * model (an extension property, a server-specific flag).
 *
 * <p>Immutable and thread-safe.
 *
 * @param object what the document describes
 * @param json the document as received
 * @param compacted the JSON the object was read from, by Herald's term names: {@link #json()} itself
 *     on the fast path; after expansion, the document compacted against Herald's reading context
 *     (ActivityStreams, security v1 and Mastodon's extension terms), without its {@code @context}.
 *     Other properties appear there under the prefixes that context knows ({@code vcard:},
 *     {@code toot:}…) or as full IRIs, independent of the sender's own prefixes
 * @param path which way the document was read
 */
public record ReadDocument(ApObject object, JsonObject json, JsonObject compacted, Path path) {

    /** How a document was read. */
    public enum Path {
        /** By its compact term names, without JSON-LD processing (almost every real document). */
        FAST,
        /** Through JSON-LD expansion and compaction, because its contexts or keys required it. */
        EXPANDED
    }

    /** Checks that every part is present. */
    public ReadDocument {
        Checks.notNull(object, "object");
        Checks.notNull(json, "json");
        Checks.notNull(compacted, "compacted");
        Checks.notNull(path, "path");
    }

    /** The object if it is a {@code type}, for example {@code doc.as(Actor.class)}. */
    public <T extends ApObject> Optional<T> as(Class<T> type) {
        return type.isInstance(object) ? Optional.of(type.cast(object)) : Optional.empty();
    }
}
