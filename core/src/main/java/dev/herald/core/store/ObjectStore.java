package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** The site's own published objects, with tombstones for deleted ones. Thread-safe. */
public interface ObjectStore {
    /** Stores a new object or replaces the stored one with the same id. */
    void put(StoredObject object);

    /** The object with this id, deleted ones included. */
    Optional<StoredObject> find(URI id);

    /**
     * Marks the object deleted at {@code when}: its JSON is kept only as far as a Tombstone needs (the
     * store may drop the content). Returns false if there is no such object.
     */
    boolean markDeleted(URI id, Instant when);

    /** Sets whether the object is pinned to its actor's featured collection. False if there is no such object. */
    boolean setPinned(URI id, boolean pinned);

    /**
     * The actor's objects that are not deleted, newest first (by published, then id), for the outbox.
     * Followers-only objects are included: the caller decides what to show.
     */
    Page<StoredObject> listByActor(String actor, PageRequest page);

    /** How many objects of the actor are not deleted. */
    long countByActor(String actor);

    /** The actor's pinned objects that are not deleted, newest first. */
    Page<StoredObject> listPinned(String actor, PageRequest page);
}
