package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An object the site published (a Note or an Article), as stored: its id on the site's domain, its owner,
 * its JSON document, and its state. Immutable.
 *
 * @param id the object's id (and URL on the site's domain); never changes
 * @param actor the username of the local actor who published it
 * @param type the ActivityStreams type, e.g. {@code Note}
 * @param json the compact AS2 JSON document as served
 * @param published when it was published
 * @param updated when it was last updated, if ever
 * @param deleted when it was deleted: it is then served as a {@code Tombstone} with 410
 * @param visibility who may see it
 * @param pinned whether it is in the actor's featured collection
 */
public record StoredObject(
        URI id,
        String actor,
        String type,
        String json,
        Instant published,
        Optional<Instant> updated,
        Optional<Instant> deleted,
        Visibility visibility,
        boolean pinned) {

    /** Who may see an object. */
    public enum Visibility {
        /** Everyone, and listed in public timelines. */
        PUBLIC,
        /** Everyone, but not listed in public timelines. */
        UNLISTED,
        /** The actor's followers only. */
        FOLLOWERS
    }

    /** Checks the parts. */
    public StoredObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(deleted, "deleted");
        Objects.requireNonNull(visibility, "visibility");
    }

    /** Whether it was deleted. */
    public boolean isDeleted() {
        return deleted.isPresent();
    }
}
