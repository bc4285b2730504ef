package dev.herald.core.vocab;

import java.util.Optional;

/** The four ActivityStreams collection types. Immutable and thread-safe. */
public enum CollectionType {
    /** {@code Collection}: unordered items (Mastodon's replies, likes and shares). */
    COLLECTION("Collection", false, false),
    /** {@code OrderedCollection}: newest first (outbox, followers, featured). */
    ORDERED_COLLECTION("OrderedCollection", true, false),
    /** {@code CollectionPage}: one page of a {@code Collection}. */
    COLLECTION_PAGE("CollectionPage", false, true),
    /** {@code OrderedCollectionPage}: one page of an {@code OrderedCollection}. */
    ORDERED_COLLECTION_PAGE("OrderedCollectionPage", true, true);

    private final String jsonName;
    private final boolean ordered;
    private final boolean page;

    CollectionType(String jsonName, boolean ordered, boolean page) {
        this.jsonName = jsonName;
        this.ordered = ordered;
        this.page = page;
    }

    /** The type name as written in JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** Whether items are ordered (written as {@code orderedItems} rather than {@code items}). */
    public boolean ordered() {
        return ordered;
    }

    /** Whether this is a page of a larger collection. */
    public boolean page() {
        return page;
    }

    /** The collection type named {@code jsonName} (exact, case-sensitive), if it is one. */
    public static Optional<CollectionType> fromJsonName(String jsonName) {
        for (CollectionType type : values()) {
            if (type.jsonName.equals(jsonName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
