package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A remote reaction to one of the site's objects: a like, a boost, a reply or a quote. Immutable.
 *
 * @param kind what it is
 * @param objectId the local object it reacts to
 * @param actor the remote actor
 * @param activityId the {@code Like}, {@code Announce} or {@code Create} activity's id: the key for undo
 * @param at when it happened (or arrived)
 * @param url for a reply or a quote, the post's own URL
 * @param content for a reply or a quote, its HTML content, already sanitized by the caller
 */
public record Engagement(
        Kind kind, URI objectId, URI actor, URI activityId, Instant at, Optional<URI> url, Optional<String> content) {

    /** The kinds of reaction. */
    public enum Kind {
        /** A {@code Like}. */
        LIKE,
        /** An {@code Announce}. */
        BOOST,
        /** A {@code Create} of a note {@code inReplyTo} the object. */
        REPLY,
        /**
         * A {@code Create} of a post quoting the object ({@code quote}, {@code quoteUrl}, {@code quoteUri} or
         * {@code _misskey_quote}).
         */
        QUOTE
    }

    /** Checks the parts. */
    public Engagement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(content, "content");
    }
}
