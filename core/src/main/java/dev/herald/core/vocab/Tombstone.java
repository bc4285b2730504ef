package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What a deleted object becomes: the {@code object} of a {@code Delete}, and the body served (with 410
 * Gone) at a deleted post's URL.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the deleted object's id
 * @param formerType what it was, for example {@code Note}
 * @param deleted when it was deleted
 */
public record Tombstone(URI id, Optional<String> formerType, Optional<Instant> deleted) implements ApObject {
    /** Checks that the id is absolute and the optionals are present. */
    public Tombstone {
        Checks.absolute(id, "id");
        Checks.notNull(formerType, "formerType");
        Checks.notNull(deleted, "deleted");
    }

    /** A tombstone with only an id, as Mastodon sends in a {@code Delete}. */
    public static Tombstone of(URI id) {
        return new Tombstone(id, Optional.empty(), Optional.empty());
    }

    /** {@code "Tombstone"}. */
    @Override
    public String typeName() {
        return "Tombstone";
    }
}
