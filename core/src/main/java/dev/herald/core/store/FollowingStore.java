package dev.herald.core.store;

import java.net.URI;
import java.util.Optional;

/** Whom each local actor follows. Thread-safe. */
public interface FollowingStore {
    /** Adds or replaces the record for (actor, followee). */
    void put(Following following);

    /** The record, if {@code actor} follows (or asked to follow) {@code followee}. */
    Optional<Following> find(String actor, URI followee);

    /** Removes it; false if it was not there. */
    boolean remove(String actor, URI followee);

    /** Whom {@code actor} follows, accepted ones only, oldest first. */
    Page<Following> list(String actor, PageRequest page);

    /** How many accepted follows {@code actor} has. */
    long count(String actor);
}
