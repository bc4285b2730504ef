/**
 * Herald's front door: {@link dev.herald.core.Federation} (built with the site's origin and its
 * {@link dev.herald.core.ActorProfile}s) answers the fediverse's requests to the site.
 */
package dev.herald.core;
