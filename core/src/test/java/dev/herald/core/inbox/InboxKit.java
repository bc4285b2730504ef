package dev.herald.core.inbox;

import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.JobState;
import dev.herald.core.store.RemoteActor;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.PublicKey;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A site with one actor ({@code news}) and an inbox over an in-memory store, with remote actors whose keys are cached. */
final class InboxKit {
    static final URI ORIGIN = URI.create("https://www.example.org");
    static final String INBOX_PATH = "/ap/actors/news/inbox";
    static final KeyPair LOCAL_KEYS = KeyPairs.rsa2048();
    static final KeyPair BOB_KEYS = KeyPairs.rsa2048();
    static final KeyPair ALICE_KEYS = KeyPairs.rsa2048();
    static final URI BOB = URI.create("https://remote.example/users/bob");
    static final URI ALICE = URI.create("https://other.example/users/alice");

    final InMemoryStore store = new InMemoryStore();
    final ActorUrls urls = ActorUrls.of(ORIGIN, "/ap");
    final List<Sent> sent = new ArrayList<>();
    final List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean senderFails;
    final Inbox inbox;
    final RemoteActors actors;

    record Sent(URI inbox, String json) {}

    InboxKit() {
        this(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), false, ORIGIN);
    }

    InboxKit(InboxSettings settings, Clock clock, boolean manual, URI origin) {
        ActorUrls siteUrls = ActorUrls.of(origin, "/ap");
        RemoteFetcher fetcher = RemoteFetcher.builder()
                .signingKey(
                        SigningKey.of(siteUrls.mainKey(siteUrls.instanceActor()).toString(), LOCAL_KEYS.getPrivate()))
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .timeout(Duration.ofSeconds(2))
                .build();
        actors = RemoteActors.builder()
                .fetcher(fetcher)
                .cache(store.remoteActors())
                .clock(clock)
                .build();
        inbox = Inbox.builder()
                .store(store)
                .urls(siteUrls)
                .actors(Map.of(
                        "news",
                        ActorProfile.builder("news")
                                .manuallyApprovesFollowers(manual)
                                .build()))
                .signingKeys(
                        u -> SigningKey.of(siteUrls.mainKey(siteUrls.actor(u)).toString(), LOCAL_KEYS.getPrivate()))
                .remoteActors(actors)
                .listener(new InboxListener() {
                    @Override
                    public void onFollow(dev.herald.core.store.Follower follower) {
                        heard.add("follow " + follower.follower() + " " + follower.state());
                    }

                    @Override
                    public void onUnfollow(String localActor, URI follower) {
                        heard.add("unfollow " + follower);
                    }

                    @Override
                    public void onQuote(URI quoted, URI actor, URI post) {
                        heard.add("quote " + quoted + " by " + actor);
                    }

                    @Override
                    public void onQuoteRequest(dev.herald.core.store.QuoteAuthorization request) {
                        heard.add("quote-request " + request.quotingPost() + " " + request.state());
                    }

                    @Override
                    public void onEngagementRemoved(dev.herald.core.store.Engagement engagement) {
                        heard.add("removed " + engagement.kind() + " " + engagement.activityId());
                    }

                    @Override
                    public void onActorDeleted(URI actor) {
                        heard.add("deleted " + actor);
                    }

                    @Override
                    public void onFollowerMoved(String localActor, URI from, URI to) {
                        heard.add("moved " + from + " " + to);
                    }
                })
                .sender((actor, id, to, body) -> {
                    if (senderFails) {
                        throw new java.io.IOException("the remote inbox is down");
                    }
                    synchronized (sent) {
                        sent.add(new Sent(to, new String(body, StandardCharsets.UTF_8)));
                    }
                })
                .settings(settings)
                .clock(clock)
                .build();
        cache(BOB, BOB_KEYS, clock.instant());
        cache(ALICE, ALICE_KEYS, clock.instant());
    }

    /** Puts a remote actor with its key into the store's cache, as if fetched now. */
    void cache(URI id, KeyPair keys, Instant now) {
        cache(id, Pem.write(keys.getPublic()), now);
    }

    /** Puts a remote actor with this public key (PEM) into the store's cache, as if fetched now. */
    void cache(URI id, String publicKeyPem, Instant now) {
        Actor actor = Actor.builder(id, ActorType.PERSON, URI.create(id + "/inbox"))
                .preferredUsername(id.getPath().substring(id.getPath().lastIndexOf('/') + 1))
                .sharedInbox(URI.create(id.getScheme() + "://" + id.getAuthority() + "/inbox"))
                .addPublicKey(new PublicKey(URI.create(id + "#main-key"), id, publicKeyPem))
                .build();
        store.remoteActors()
                .put(new RemoteActor(
                        id,
                        java.util.Optional.of(URI.create(id + "#main-key")),
                        java.util.Optional.of(publicKeyPem),
                        java.util.Optional.of(actor.inbox()),
                        actor.sharedInbox(),
                        DocumentWriter.create().write(actor),
                        now,
                        now.plus(Duration.ofDays(1))));
    }

    static SigningKey key(URI actor, KeyPair keys) {
        return SigningKey.of(actor + "#main-key", keys.getPrivate());
    }

    /** A POST to news's inbox signed with {@code key} (cavage), with this content type. */
    static HeraldRequest signed(SigningKey key, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpMessage.Request signed = CavageSigner.of(key)
                .sign(
                        HttpMessage.Request.of(
                                "POST", URI.create(ORIGIN + INBOX_PATH), HttpFields.of("Content-Type", contentType)),
                        bytes);
        return new HeraldRequest("POST", INBOX_PATH, "", signed.fields(), bytes);
    }

    static HeraldRequest signed(SigningKey key, String body) {
        return signed(key, "application/activity+json", body);
    }

    /** How many activities the inbox queue holds, in any state. */
    long stored() {
        return store.inbox().counts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    long stored(JobState state) {
        return store.inbox().counts().getOrDefault(state, 0L);
    }

    static String follow(URI actor, String id) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/follows/" + id
                + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + ORIGIN + "/ap/actors/news\"}";
    }

    static String activity(URI actor, String id, String type, String object) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/" + id + "\",\"type\":\""
                + type + "\",\"actor\":\"" + actor + "\",\"object\":" + object + "}";
    }
}
