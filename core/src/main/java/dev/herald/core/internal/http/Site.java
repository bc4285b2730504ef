package dev.herald.core.internal.http;

import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorDocuments;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.internal.keys.ActorKeys;
import dev.herald.core.store.HeraldStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the request path needs, gathered once by {@code Federation}: where documents live, the actors
 * by username, the store, the keys and the settings. Not part of the API. Immutable and thread-safe (the store
 * and the keys are thread-safe).
 *
 * @param urls the URL layout
 * @param handleHost the host of the handles
 * @param profiles the actors by username, as configured
 * @param documents builds actor documents
 * @param store the store
 * @param keys the key pairs
 * @param clock the clock
 * @param softwareVersion Herald's version, for NodeInfo
 * @param pageSize items per collection page
 * @param maxBodyBytes the largest request body accepted
 * @param authorizedFetch whether gated documents need a signed GET
 */
public record Site(
        ActorUrls urls,
        String handleHost,
        Map<String, ActorProfile> profiles,
        ActorDocuments documents,
        HeraldStore store,
        ActorKeys keys,
        Clock clock,
        String softwareVersion,
        int pageSize,
        int maxBodyBytes,
        boolean authorizedFetch) {

    /** Copies the map. */
    public Site {
        profiles = Map.copyOf(profiles);
    }

    /** The profile whose username is exactly {@code username}. */
    public Optional<ActorProfile> profile(String username) {
        return Optional.ofNullable(profiles.get(username));
    }
}
