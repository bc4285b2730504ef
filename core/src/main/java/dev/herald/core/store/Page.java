package dev.herald.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing, newest or first items first, with an opaque cursor for the next page. Cursors are
 * strings the store makes and understands; callers pass them back unchanged. Immutable.
 *
 * @param items the items on this page
 * @param next the cursor of the next page, empty on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, Optional<String> next) {
    /** Copies the list. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }

    /** An empty last page. */
    public static <T> Page<T> empty() {
        return new Page<>(List.of(), Optional.empty());
    }
}
