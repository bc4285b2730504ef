package dev.herald.core.outbox;

import dev.herald.core.store.StoredObject;

/**
 * Who a post is for, and so how it is addressed. Mentioned actors are always added to {@code cc} and receive the
 * post in their inbox, whatever the visibility. Immutable and thread-safe.
 */
public enum Visibility {
    /** Everyone, listed in public timelines: {@code to} the public collection, {@code cc} the followers. */
    PUBLIC(StoredObject.Visibility.PUBLIC),
    /** Everyone, kept out of public timelines ("quiet public"): {@code to} the followers, {@code cc} public. */
    UNLISTED(StoredObject.Visibility.UNLISTED),
    /** The followers only: {@code to} the followers collection, never the public collection. */
    FOLLOWERS(StoredObject.Visibility.FOLLOWERS);

    private final StoredObject.Visibility stored;

    Visibility(StoredObject.Visibility stored) {
        this.stored = stored;
    }

    /** The store's name for it. */
    public StoredObject.Visibility stored() {
        return stored;
    }
}
