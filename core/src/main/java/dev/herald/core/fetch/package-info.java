/**
 * Fetching remote documents: {@link dev.herald.core.fetch.RemoteFetcher}, the one signed GET every
 * outbound read of Herald goes through (remote actors, keys, objects), and {@link
 * dev.herald.core.fetch.RemoteActors}, remote actors and their keys with a cache, a negative cache for
 * actors that are gone, and the {@link dev.herald.signatures.KeyResolver} the inbox verifies with.
 */
package dev.herald.core.fetch;
