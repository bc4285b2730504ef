package dev.herald.core.store;

import java.net.URI;
import java.util.Optional;

/** Likes, boosts and replies to the site's objects, for counts and the admin view. Thread-safe. */
public interface EngagementStore {
    /** Records a reaction. False, storing nothing, if one with the same activity id was recorded before. */
    boolean record(Engagement engagement);

    /** The reaction recorded under this activity id. */
    Optional<Engagement> find(URI activityId);

    /** Removes the reaction with this activity id ({@code Undo}, {@code Delete}). False if there was none. */
    boolean undo(URI activityId);

    /**
     * Removes {@code actor}'s reactions of {@code kind} to {@code objectId} (an {@code Undo} that names the
     * object rather than the activity). Returns how many.
     */
    int undo(Engagement.Kind kind, URI objectId, URI actor);

    /** Removes every reaction of {@code actor} (the actor was deleted). Returns how many. */
    int removeByActor(URI actor);

    /** How many likes, boosts and replies {@code objectId} has. */
    EngagementCounts counts(URI objectId);

    /** The reactions of {@code kind} to {@code objectId}, oldest first (by time, then activity id). */
    Page<Engagement> list(URI objectId, Engagement.Kind kind, PageRequest page);
}
