package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import java.net.URI;

/**
 * The local actor who publishes: its username (its key signs, its followers receive) and the ids a post refers to.
 * Immutable and thread-safe.
 *
 * @param username the local actor's username
 * @param actor its id ({@code attributedTo}, the activities' {@code actor})
 * @param followers its followers collection (addressed)
 * @param featured its featured collection (the target of pins)
 */
public record Author(String username, URI actor, URI followers, URI featured) {
    /** Checks the parts. */
    public Author {
        Checks.notBlank(username, "username");
        Checks.absolute(actor, "actor");
        Checks.absolute(followers, "followers");
        Checks.absolute(featured, "featured");
    }
}
