package dev.herald.core.vocab;

import java.net.URI;

/**
 * Audience constants. ActivityStreams writes the public audience in three ways (the full IRI,
 * {@code as:Public} and {@code Public}); Herald's reader turns all three into {@link #PUBLIC} and its
 * writer always writes the full IRI, which is what Mastodon expects.
 *
 * <p>Stateless and thread-safe.
 */
public final class Addressing {
    /** The special collection that means "everyone": {@code https://www.w3.org/ns/activitystreams#Public}. */
    public static final URI PUBLIC = URI.create("https://www.w3.org/ns/activitystreams#Public");

    private Addressing() {}

    /** Whether {@code audience} is the public collection. */
    public static boolean isPublic(URI audience) {
        return PUBLIC.equals(audience);
    }
}
