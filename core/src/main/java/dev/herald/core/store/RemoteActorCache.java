package dev.herald.core.store;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Remote actors' documents and public keys, kept between restarts so signatures verify without a fetch.
 * Entries carry their expiry; lookups return expired entries too, so the caller can decide to refetch (and
 * fall back to the stale entry if the refetch fails). Thread-safe.
 */
public interface RemoteActorCache {
    /** Stores or replaces the entry for {@code actor.id()}. */
    void put(RemoteActor actor);

    /** The entry for an actor id. */
    Optional<RemoteActor> find(URI actorId);

    /** The entry whose public key has this id. */
    Optional<RemoteActor> findByKeyId(URI keyId);

    /** Removes the entry (the actor was deleted, or its key failed). False if there was none. */
    boolean evict(URI actorId);

    /** Removes entries that expired at or before {@code now}. Returns how many. */
    int purgeExpired(Instant now);
}
