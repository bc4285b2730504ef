package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;

/**
 * A profile field (Mastodon's "extra fields"), written as a {@code PropertyValue} attachment on the
 * actor. Mastodon shows up to four (newer versions more); a link in {@code value} whose page links
 * back with {@code rel="me"} shows as verified.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the label, for example {@code Website}
 * @param value the value, HTML (Mastodon renders links)
 */
public record PropertyValue(String name, String value) {
    /** Checks that both parts are present. */
    public PropertyValue {
        Checks.notNull(name, "name");
        Checks.notNull(value, "value");
    }
}
