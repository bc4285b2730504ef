/**
 * The site's actors as documents: {@link dev.herald.core.actor.ActorUrls} (where each document lives) and
 * {@link dev.herald.core.actor.ActorDocuments} (what the actor and instance-actor documents say).
 * {@link dev.herald.core.Federation} uses both; a site may use {@code ActorUrls} to link to its actors
 * ({@code <link rel="me">}, {@code fediverse:creator}).
 */
package dev.herald.core.actor;
