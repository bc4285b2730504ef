package dev.herald.core.outbox.internal;

import dev.herald.core.actor.ActorUrls;
import dev.herald.core.delivery.DeliveryEngine;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.internal.keys.ActorKeys;
import dev.herald.core.outbox.MentionResolver;
import dev.herald.core.outbox.Outbox;
import dev.herald.core.outbox.Publishing;
import dev.herald.core.outbox.WebFingerMentionResolver;
import dev.herald.core.store.HeraldStore;
import dev.herald.webfinger.NetworkPolicy;
import dev.herald.webfinger.WebFingerClient;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the outbox and the delivery engine of a {@code Federation}, so that the front door needs two lines. Not
 * part of the API. Stateless and thread-safe.
 */
public final class PublishingWiring {
    private PublishingWiring() {}

    /**
     * The outbox and the delivery engine.
     *
     * @param outbox where the site publishes
     * @param delivery the engine, started if the configuration says so
     */
    public record Wired(Outbox outbox, DeliveryEngine delivery, ActorSource actors) {
        /** Lets mentions read actors (their inboxes) through the inbox's fetcher and cache, once it exists. */
        public void useRemoteActors(RemoteActors remoteActors) {
            actors.remote.set(remoteActors);
        }
    }

    /** Where the default mention resolver finds an actor's inbox: the fetcher once set, else the store's cache. */
    public static final class ActorSource {
        private final AtomicReference<RemoteActors> remote = new AtomicReference<>();
        private final HeraldStore store;

        ActorSource(HeraldStore store) {
            this.store = store;
        }

        Optional<URI> inboxOf(URI actor) {
            RemoteActors fetcher = remote.get();
            if (fetcher != null) {
                try {
                    return Optional.of(fetcher.actor(actor).deliveryInbox());
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
            return store.remoteActors().find(actor).flatMap(a -> a.sharedInbox().or(a::inbox));
        }
    }

    /** Wires publishing for the site's actors. */
    public static Wired wire(
            Publishing config,
            ActorUrls urls,
            Set<String> actors,
            HeraldStore store,
            Clock clock,
            NetworkPolicy network,
            String userAgent) {
        DeliveryEngine engine = DeliveryEngine.builder(store, username -> keyId(urls, username))
                .settings(config.delivery())
                .clock(clock)
                .networkPolicy(network)
                .build();
        ActorSource source = new ActorSource(store);
        MentionResolver mentions = config.mentions().orElseGet(() -> webFinger(source, network, userAgent));
        Outbox.Builder outbox = Outbox.builder(urls, actors, store)
                .clock(clock)
                .mentionResolver(mentions)
                .inboxLookup(source::inboxOf)
                .onQueued(engine::wakeUp);
        config.settings().ifPresent(outbox::settings);
        if (config.runDelivery()) {
            engine.start();
        }
        return new Wired(outbox.build(), engine, source);
    }

    private static URI keyId(ActorUrls urls, String username) {
        return urls.mainKey(ActorKeys.INSTANCE.equals(username) ? urls.instanceActor() : urls.actor(username));
    }

    private static MentionResolver webFinger(ActorSource source, NetworkPolicy network, String userAgent) {
        WebFingerClient client = WebFingerClient.builder()
                .networkPolicy(network)
                .userAgent(userAgent)
                .build();
        return WebFingerMentionResolver.of(client, source::inboxOf);
    }
}
