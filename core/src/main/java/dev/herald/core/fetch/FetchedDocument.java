package dev.herald.core.fetch;

import dev.herald.core.internal.Checks;
import dev.herald.core.jsonld.ReadDocument;
import java.net.URI;

/**
 * A document fetched and read by {@link RemoteFetcher}. Immutable and thread-safe.
 *
 * @param requested the URL asked for
 * @param fetchedFrom the URL that answered (after redirects); the document's id has its origin
 * @param document the document as read
 */
public record FetchedDocument(URI requested, URI fetchedFrom, ReadDocument document) {
    /** Checks the parts. */
    public FetchedDocument {
        Checks.notNull(requested, "requested");
        Checks.notNull(fetchedFrom, "fetchedFrom");
        Checks.notNull(document, "document");
    }

    /** The document's JSON as received, as text (to store). */
    public String json() {
        return document.json().toString();
    }
}
