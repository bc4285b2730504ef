/**
 * How the site's posts and actors did: {@link dev.herald.core.engagement.EngagementReport} reads likes, boosts
 * and replies per post with who made them, followers over time and followers by server, from the store the inbox
 * fills.
 */
package dev.herald.core.engagement;
