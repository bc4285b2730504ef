package dev.herald.core.fetch;

import java.net.URI;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A remote document could not be fetched or was not acceptable. {@link #kind()} says why, for logs and for
 * decisions (a {@link Kind#GONE} actor is deleted; a {@link Kind#TRANSPORT} failure may be retried); the message
 * names the URL. Immutable and thread-safe.
 */
public final class FetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a fetch failed. */
    public enum Kind {
        /** The server answered 404 or 410: the document does not exist (any more). */
        GONE,
        /** The network policy refused the URL or a redirect hop (scheme, private address). */
        REFUSED,
        /** More redirects than allowed. */
        TOO_MANY_REDIRECTS,
        /** Another status than 200 (and not 404/410 or a redirect). */
        UNEXPECTED_STATUS,
        /** The content type is not ActivityPub JSON. */
        WRONG_CONTENT_TYPE,
        /** The body is larger than the cap. */
        TOO_LARGE,
        /** The body is not a readable ActivityStreams document, or lacks an id. */
        INVALID_DOCUMENT,
        /** The document's id is on another origin than the URL it was fetched from. */
        ORIGIN_MISMATCH,
        /** No complete answer in time. */
        TIMEOUT,
        /** DNS, connection, TLS or reading failed. */
        TRANSPORT
    }

    private final Kind kind;
    private final URI uri;
    private final int status;

    /**
     * A failure.
     *
     * @param kind why
     * @param uri the URL that was being fetched
     * @param status the HTTP status, or 0 when there was none
     * @param message what exactly happened
     * @param cause the underlying failure, or null
     */
    public FetchException(Kind kind, URI uri, int status, String message, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind") + " fetching " + uri + ": " + message, cause);
        this.kind = kind;
        this.uri = uri;
        this.status = status;
    }

    /** Why the fetch failed. */
    public Kind kind() {
        return kind;
    }

    /** The URL being fetched when it failed (a redirect hop, perhaps). */
    public URI uri() {
        return uri;
    }

    /** The HTTP status, when the server answered. */
    public OptionalInt status() {
        return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }

    /** Whether the document is gone for good (404 or 410). */
    public boolean isGone() {
        return kind == Kind.GONE;
    }
}
