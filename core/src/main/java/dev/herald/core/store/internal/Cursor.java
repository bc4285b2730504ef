package dev.herald.core.store.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A page cursor: the sort key of the last item on a page (a time and an id), so the next page continues
 * strictly after it even if that item was deleted meanwhile. Encoded as opaque base64url text. Not part of
 * the API: this package is not exported. Immutable.
 *
 * @param at the last item's time
 * @param id the last item's id (ties on time are broken by id)
 */
public record Cursor(Instant at, String id) {
    /** Checks the parts. */
    public Cursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    /** The opaque text form. */
    public String encode() {
        String plain = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor made by {@link #encode()}; throws {@link IllegalArgumentException} naming it otherwise. */
    public static Cursor decode(String cursor) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int first = plain.indexOf('.');
            int second = plain.indexOf('.', first + 1);
            if (first < 1 || second < first + 2) {
                throw new IllegalArgumentException("no time");
            }
            Instant at = Instant.ofEpochSecond(
                    Long.parseLong(plain.substring(0, first)), Long.parseLong(plain.substring(first + 1, second)));
            return new Cursor(at, plain.substring(second + 1));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("cursor is not one this store made: " + cursor, e);
        }
    }

    /** Whether an item with this key comes after the cursor in ascending (oldest first) order. */
    public boolean precedes(Instant itemAt, String itemId) {
        int c = itemAt.compareTo(at);
        return c > 0 || (c == 0 && itemId.compareTo(id) > 0);
    }

    /** Whether an item with this key comes after the cursor in descending (newest first) order. */
    public boolean precedesDescending(Instant itemAt, String itemId) {
        int c = itemAt.compareTo(at);
        return c < 0 || (c == 0 && itemId.compareTo(id) < 0);
    }
}
