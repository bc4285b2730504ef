package dev.herald.core.store;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Quote requests of the site's posts and the authorizations given for them (FEP-044f). Thread-safe. */
public interface QuoteAuthorizationStore {
    /** Stores a new authorization or replaces the one with the same id. */
    void put(QuoteAuthorization authorization);

    /** The authorization with this id, in any state. */
    Optional<QuoteAuthorization> find(URI id);

    /** Every authorization asked for with {@code quotingPost} as the quoting post, in any state: usually one. */
    List<QuoteAuthorization> findByQuotingPost(URI quotingPost);

    /**
     * The authorizations of the local actor {@code actor} in {@code state}, oldest request first (by time, then
     * id): the pending ones to approve, for example.
     */
    Page<QuoteAuthorization> list(String actor, QuoteAuthorization.State state, PageRequest page);

    /** Removes the authorization with this id (a rejected request). False if there was none. */
    boolean remove(URI id);

    /** Removes every authorization asked for by {@code quotingActor} (the actor was deleted). Returns how many. */
    int removeByQuotingActor(URI quotingActor);
}
