package dev.herald.core.jsonld;

import dev.herald.core.internal.Checks;

/**
 * A document could not be read: it is too large or too deeply nested, is not JSON, is not a JSON
 * object, uses a JSON-LD context Herald does not have, or lacks what its type requires. The
 * {@link #reason()} says which, for logs and for choosing an HTTP status ({@link Reason#TOO_LARGE} is
 * 413, the others 400).
 *
 * <p>This is the only exception {@link DocumentReader} throws for bad input. Immutable and thread-safe.
 */
public final class InvalidDocumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a document was refused. */
    public enum Reason {
        /** More bytes than {@link ReaderSettings#maxDocumentBytes()}. */
        TOO_LARGE,
        /** Arrays and objects nested deeper than {@link ReaderSettings#maxDepth()}. */
        TOO_DEEP,
        /** An array or object with more entries than {@link ReaderSettings#maxElements()}. */
        TOO_MANY_ELEMENTS,
        /** A string or key longer than {@link ReaderSettings#maxStringLength()}. */
        STRING_TOO_LONG,
        /** Not well-formed JSON (or not UTF-8, or trailing data after the value). */
        MALFORMED_JSON,
        /** Well-formed JSON whose top level is an array, string, number, boolean or null. */
        NOT_AN_OBJECT,
        /** JSON-LD expansion needed a context that is neither bundled nor registered. */
        UNKNOWN_CONTEXT,
        /** JSON-LD expansion or compaction failed (an invalid context, a cycle, a timeout). */
        INVALID_JSON_LD,
        /** A required property is missing or unusable, for example a {@code Note} without an id. */
        INVALID_OBJECT
    }

    private final Reason reason;

    /**
     * An exception for {@code reason} with a message a log reader understands.
     *
     * @param reason why the document was refused
     * @param message what exactly was wrong
     */
    public InvalidDocumentException(Reason reason, String message) {
        super(Checks.notNull(reason, "reason") + ": " + Checks.notNull(message, "message"));
        this.reason = reason;
    }

    /**
     * As {@link #InvalidDocumentException(Reason, String)}, keeping the underlying failure.
     *
     * @param reason why the document was refused
     * @param message what exactly was wrong
     * @param cause the parser's or processor's exception
     */
    public InvalidDocumentException(Reason reason, String message, Throwable cause) {
        super(Checks.notNull(reason, "reason") + ": " + Checks.notNull(message, "message"), cause);
        this.reason = reason;
    }

    /** Why the document was refused. */
    public Reason reason() {
        return reason;
    }
}
