package dev.herald.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page to list: after {@code cursor} (from {@link Page#next()}, empty for the first page), at most
 * {@code limit} items. Immutable.
 *
 * @param cursor where to continue, empty for the first page
 * @param limit the most items to return, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(Optional<String> cursor, int limit) {
    /** The largest page a store returns. */
    public static final int MAX_LIMIT = 1000;

    /** Checks the limit. */
    public PageRequest {
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** The first page of at most {@code limit} items. */
    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    /** The page after {@code cursor}. */
    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(Optional.of(cursor), limit);
    }
}
