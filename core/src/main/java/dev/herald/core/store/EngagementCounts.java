package dev.herald.core.store;

/**
 * How many likes, boosts, replies and quotes one object has. Immutable.
 *
 * @param likes the number of likes
 * @param boosts the number of boosts
 * @param replies the number of replies
 * @param quotes the number of posts quoting it
 */
public record EngagementCounts(long likes, long boosts, long replies, long quotes) {}
