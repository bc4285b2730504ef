package dev.herald.core.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Argument checks whose messages name the caller's parameter. Not part of the API: this package is
 * not exported and may change without notice. Stateless and thread-safe.
 */
public final class Checks {
    private Checks() {}

    /** Returns {@code value}, or throws {@link NullPointerException} naming {@code name}. */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null (use Optional.empty() or an empty list)");
    }

    /** An immutable copy of {@code list}, rejecting a null list or null elements. */
    public static <T> List<T> list(List<T> list, String name) {
        notNull(list, name);
        for (T element : list) {
            if (element == null) {
                throw new NullPointerException(name + " must not contain null");
            }
        }
        return List.copyOf(list);
    }

    /** An immutable copy of {@code map}, rejecting a null map, null keys or null values. */
    public static <K, V> Map<K, V> map(Map<K, V> map, String name) {
        notNull(map, name);
        try {
            return Map.copyOf(map);
        } catch (NullPointerException e) {
            throw new NullPointerException(name + " must not contain null keys or values");
        }
    }

    /** Returns {@code value} unless null or blank, else throws naming {@code name}. */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Returns {@code uri} if it is absolute (has a scheme), else throws naming {@code name}. */
    public static URI absolute(URI uri, String name) {
        notNull(uri, name);
        if (!uri.isAbsolute()) {
            throw new IllegalArgumentException(name + " must be an absolute URI, got " + uri);
        }
        return uri;
    }
}
