package dev.herald.core.inbox.internal;

import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.inbox.ActivitySender;
import dev.herald.core.inbox.Blocklist;
import dev.herald.core.inbox.Inbox;
import dev.herald.core.inbox.InboxListener;
import dev.herald.core.inbox.InboxSettings;
import dev.herald.core.internal.keys.ActorKeys;
import dev.herald.core.store.HeraldStore;
import dev.herald.webfinger.NetworkPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the inbox and what it needs (fetcher, remote actors) from a federation's parts, so that {@code
 * Federation} only hands them over. Not part of the API.
 *
 * @param inbox the inbox, its workers started
 * @param remoteActors the remote actors and keys it verifies with (also for authorized fetch)
 */
public record InboxWiring(Inbox inbox, RemoteActors remoteActors) {

    /**
     * A federation's parts.
     *
     * @param urls where documents live
     * @param profiles the actors by username
     * @param store the store
     * @param clock the clock
     * @param policy the network policy for every outbound request
     * @param blockedDomains domains blocked from the start
     * @param settings the inbox's settings
     * @param listener the site's listener
     * @param sender how Accepts are sent, or null for the default
     * @param userAgent the User-Agent of fetches
     */
    public record Parts(
            ActorUrls urls,
            Map<String, ActorProfile> profiles,
            HeraldStore store,
            Clock clock,
            NetworkPolicy policy,
            Set<String> blockedDomains,
            InboxSettings settings,
            InboxListener listener,
            ActivitySender sender,
            String userAgent) {}

    /** Builds and starts the inbox. */
    public static InboxWiring of(Parts parts, ActorKeys keys) {
        ActorUrls urls = parts.urls();
        RemoteFetcher fetcher = RemoteFetcher.builder()
                .signingKey(() -> keys.signingKey(
                        ActorKeys.INSTANCE, urls.mainKey(urls.instanceActor()).toString()))
                .networkPolicy(parts.policy())
                .userAgent(parts.userAgent())
                .build();
        RemoteActors actors = RemoteActors.builder()
                .fetcher(fetcher)
                .cache(parts.store().remoteActors())
                .clock(parts.clock())
                .build();
        Inbox.Builder builder = Inbox.builder()
                .store(parts.store())
                .urls(urls)
                .actors(parts.profiles())
                .signingKeys(username -> keys.signingKey(
                        username, urls.mainKey(urls.actor(username)).toString()))
                .remoteActors(actors)
                .listener(parts.listener())
                .blocklist(Blocklist.of(parts.blockedDomains(), List.of()))
                .settings(parts.settings())
                .clock(parts.clock());
        if (parts.sender() != null) {
            builder.sender(parts.sender());
        }
        return new InboxWiring(builder.build().start(), actors);
    }
}
