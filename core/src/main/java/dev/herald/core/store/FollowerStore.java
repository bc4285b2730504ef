package dev.herald.core.store;

import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/** Who follows each local actor. Thread-safe. */
public interface FollowerStore {
    /** Adds a follower, or replaces the stored one for the same (actor, follower). */
    void put(Follower follower);

    /** The follower record, if {@code follower} follows (or asked to follow) {@code actor}. */
    Optional<Follower> find(String actor, URI follower);

    /** Removes a follower; false if it was not there. */
    boolean remove(String actor, URI follower);

    /** Accepted followers of {@code actor}, oldest first (by since, then id). */
    Page<Follower> list(String actor, Follower.State state, PageRequest page);

    /** How many followers of {@code actor} are in {@code state}. */
    long count(String actor, Follower.State state);

    /**
     * Each distinct delivery inbox of the accepted followers of {@code actor} (shared inbox preferred), once,
     * streamed: a store must not load a large follower set into memory to do this.
     */
    void forEachDeliveryInbox(String actor, Consumer<URI> inbox);

    /**
     * Removes every follower of every local actor whose delivery inbox is {@code inbox} (the inbox answered
     * 410 Gone). Returns how many were removed.
     */
    int removeByInbox(URI inbox);
}
