package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * An entry of a post's or actor's {@code tag} list: a hashtag, a mention or a custom emoji. Tags of
 * other types are dropped by the reader (the raw JSON keeps them).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Tag {

    /**
     * A hashtag. Mastodon indexes a post under the tag only if the tag is listed here, not just linked
     * in the content.
     *
     * @param name the tag with its {@code #}, for example {@code #welcome}
     * @param href the site's page for the tag
     */
    record Hashtag(String name, Optional<URI> href) implements Tag {
        /** Checks that the name is not blank and {@code href} is present (possibly empty). */
        public Hashtag {
            Checks.notBlank(name, "name");
            Checks.notNull(href, "href");
        }

        /** A hashtag named {@code name} (with its {@code #}) linking to {@code href}. */
        public static Hashtag of(String name, URI href) {
            return new Hashtag(name, Optional.of(href));
        }
    }

    /**
     * A mention of an actor. The mentioned actor is notified only if it is also addressed
     * ({@code to}/{@code cc}) and the post is delivered to its inbox.
     *
     * @param href the mentioned actor's id
     * @param name the handle, for example {@code @alice@example.social}
     */
    record Mention(URI href, Optional<String> name) implements Tag {
        /** Checks that {@code href} is absolute and {@code name} is present (possibly empty). */
        public Mention {
            Checks.absolute(href, "href");
            Checks.notNull(name, "name");
        }

        /** A mention of {@code href} shown as {@code name}. */
        public static Mention of(URI href, String name) {
            return new Mention(href, Optional.of(name));
        }
    }

    /**
     * A custom emoji: {@code :name:} in the text is shown as the picture.
     *
     * @param id the emoji's id
     * @param name the shortcode with its colons, for example {@code :rainbow:}
     * @param icon the picture
     * @param updated when the picture last changed (servers cache by it)
     */
    record Emoji(Optional<URI> id, String name, Image icon, Optional<Instant> updated) implements Tag {
        /** Checks that every part is present and the name is not blank. */
        public Emoji {
            Checks.notNull(id, "id");
            Checks.notBlank(name, "name");
            Checks.notNull(icon, "icon");
            Checks.notNull(updated, "updated");
        }
    }
}
