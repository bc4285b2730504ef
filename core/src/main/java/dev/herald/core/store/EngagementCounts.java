package dev.herald.core.store;

/**
 * How many likes, boosts and replies one object has. Immutable.
 *
 * @param likes the number of likes
 * @param boosts the number of boosts
 * @param replies the number of replies
 */
public record EngagementCounts(long likes, long boosts, long replies) {}
