package dev.herald.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.inbox.InboxSettings;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.outbox.Post;
import dev.herald.core.outbox.Publishing;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.Follower;
import dev.herald.core.store.Following;
import dev.herald.core.store.JobState;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.PublicKey;
import dev.herald.servlet.HeraldTestSite;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the hostile-input corpus ({@code src/test/resources/hostile}) against a running Herald: Jetty with the
 * servlet filter, a real in-memory store, remote actors served by a loopback server. For every case: the exact
 * status (and reason, where the case names one); the store unchanged (for a 202, only the inbox queue gains the
 * activity, processed to DONE, and processing changes nothing else); every URL Herald tried to fetch was either the
 * test's remote server or refused by the production network policy, and the case's forbidden targets were among
 * the refused; and the loopback "canary" server, which stands for a forbidden internal service, got nothing.
 */
class HostileInputIT {
    private static final KeyPair ALICE = KeyPairs.rsa2048();
    private static final KeyPair MALLORY = KeyPairs.rsa2048();
    private static final KeyPair WEAK = rsa1024();
    private static final KeyPair LIAR = KeyPairs.rsa2048();
    private static final KeyPair BLOCKED = KeyPairs.rsa2048();
    private static final KeyPair STRANGER = KeyPairs.rsa2048();
    private static final KeyPair ED25519 = KeyPairs.ed25519();
    private static final URI VICTIM = URI.create("https://victim.example/users/vic");
    private static final URI VICTIM_REPLY = URI.create("https://victim.example/notes/1");
    private static final URI VICTIM_LIKE = URI.create("https://victim.example/likes/1");
    private static final URI VICTIM_FOLLOW = URI.create("https://victim.example/follows/1");

    private static RemoteServer remote;

    /** Herald's key tools refuse to make weak keys; the JDK does not. */
    private static KeyPair rsa1024() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RemoteServer canary;
    private static OutboundRecorder outbound;
    private static StoreWatch watch;
    private static HeraldTestSite site;
    private static URI post;
    private static Map<String, String> values;
    private static Map<String, CaseRequest.SigningMaterial> keys;
    private static List<URI> remoteActors;

    @BeforeAll
    static void start() throws Exception {
        remote = RemoteServer.start();
        canary = RemoteServer.start();
        outbound = new OutboundRecorder(remote.origin());
        watch = new StoreWatch(new InMemoryStore());
        serve("alice", ALICE, Optional.empty());
        serve("mallory", MALLORY, Optional.empty());
        serve("weak", WEAK, Optional.empty());
        serve("blocked", BLOCKED, Optional.empty());
        // A key that names alice as its owner, published by another actor: it speaks for neither.
        serve("liar", LIAR, Optional.of(remote.uri("/users/alice")));
        // A stand-alone key document that claims alice, who does not list it.
        remote.on(
                "/keys/claims-alice",
                RemoteServer.Answer.activity("{\"@context\":\"https://w3id.org/security/v1\",\"id\":\""
                        + remote.uri("/keys/claims-alice") + "\",\"type\":\"Key\",\"owner\":\""
                        + remote.uri("/users/alice") + "\",\"publicKeyPem\":"
                        + jsonString(Pem.write(STRANGER.getPublic())) + "}"));
        site = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(ActorProfile.builder("news").build())
                .store(watch.store())
                .networkPolicy(outbound)
                .blockDomain("blocked.example")
                .publishing(Publishing.defaults().withRunDelivery(false))
                .inboxSettings(InboxSettings.builder().workers(0).build())
                .build());
        Federation federation = site.federation();
        federation.inbox().blocklist().blockActor(remote.uri("/users/blocked"));
        post = federation
                .outbox()
                .publish("news", Post.builder().text("Our new logo").build())
                .object();
        seedAnotherOrigin(federation);

        values = new HashMap<>();
        values.put("site", site.origin().toString());
        values.put("host", site.origin().getAuthority());
        values.put("news", federation.actorId("news").toString());
        values.put("post", post.toString());
        values.put("remote", remote.origin().toString());
        values.put("remote-host", remote.origin().getAuthority());
        values.put("alice", remote.uri("/users/alice").toString());
        values.put("mallory", remote.uri("/users/mallory").toString());
        values.put("weak", remote.uri("/users/weak").toString());
        values.put("liar", remote.uri("/users/liar").toString());
        values.put("blocked-actor", remote.uri("/users/blocked").toString());
        values.put("canary", canary.origin().toString());
        values.put("canary-host", canary.origin().getAuthority());
        values.put("canary-port", String.valueOf(canary.origin().getPort()));
        values.put("victim", VICTIM.toString());
        values.put("victim-reply", VICTIM_REPLY.toString());
        values.put("victim-like", VICTIM_LIKE.toString());
        values.put("victim-follow", VICTIM_FOLLOW.toString());
        keys = new HashMap<>();
        keys.put("alice", new CaseRequest.SigningMaterial(ALICE.getPrivate(), null));
        keys.put("mallory", new CaseRequest.SigningMaterial(MALLORY.getPrivate(), null));
        keys.put("weak", new CaseRequest.SigningMaterial(WEAK.getPrivate(), null));
        keys.put("liar", new CaseRequest.SigningMaterial(LIAR.getPrivate(), null));
        keys.put("blocked", new CaseRequest.SigningMaterial(BLOCKED.getPrivate(), null));
        keys.put("stranger", new CaseRequest.SigningMaterial(STRANGER.getPrivate(), null));
        keys.put("ed25519", new CaseRequest.SigningMaterial(ED25519.getPrivate(), null));
        keys.put(
                "hmac-with-alice-public-pem",
                new CaseRequest.SigningMaterial(
                        null, Pem.write(ALICE.getPublic()).getBytes(StandardCharsets.US_ASCII)));
        remoteActors = Stream.of("alice", "mallory", "weak", "liar", "blocked")
                .map(n -> remote.uri("/users/" + n))
                .collect(Collectors.toList());
        remoteActors.add(VICTIM);
        warmUp();
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
        }
        remote.close();
        canary.close();
    }

    /** Serves an actor with its key at {@code /users/NAME}; {@code owner} names another owner for the key. */
    private static void serve(String name, KeyPair pair, Optional<URI> owner) {
        URI id = remote.uri("/users/" + name);
        Actor actor = Actor.builder(id, ActorType.PERSON, remote.uri("/users/" + name + "/inbox"))
                .preferredUsername(name)
                .addPublicKey(
                        new PublicKey(URI.create(id + "#main-key"), owner.orElse(id), Pem.write(pair.getPublic())))
                .build();
        remote.on(
                "/users/" + name,
                RemoteServer.Answer.activity(DocumentWriter.create().write(actor)));
    }

    /** What another origin has here: a follower, a follow, a like and a reply of the victim. */
    private static void seedAnotherOrigin(Federation federation) {
        var store = watch.store();
        Instant now = Instant.now();
        store.followers()
                .put(new Follower(
                        "news",
                        VICTIM,
                        URI.create(VICTIM + "/inbox"),
                        Optional.of(URI.create("https://victim.example/inbox")),
                        Optional.of(VICTIM_FOLLOW),
                        Follower.State.ACCEPTED,
                        now));
        store.following().put(new Following("news", VICTIM, Optional.of(URI.create(post + "#follow")), false, now));
        store.engagement()
                .record(new Engagement(
                        Engagement.Kind.LIKE, post, VICTIM, VICTIM_LIKE, now, Optional.empty(), Optional.empty()));
        store.engagement()
                .record(new Engagement(
                        Engagement.Kind.REPLY,
                        post,
                        VICTIM,
                        VICTIM_REPLY,
                        now,
                        Optional.of(VICTIM_REPLY),
                        Optional.of("<p>Nice logo</p>")));
    }

    /**
     * Lets Herald fetch and cache every remote actor the corpus uses, with one ordinary request each, so that a case
     * finds the cache as a running site would have it.
     */
    private static void warmUp() throws Exception {
        Map<String, Integer> expected = Map.of("alice", 202, "mallory", 202, "weak", 401, "liar", 401, "blocked", 403);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            String actor = remote.uri("/users/" + e.getKey()).toString();
            String like = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor
                    + "/likes/warm-up\",\"type\":\"Like\",\"actor\":\"" + actor
                    + "\",\"object\":\"https://victim.example/notes/0\"}";
            HostileCase warm = new HostileCase(
                    "warm-up-" + e.getKey(),
                    "control",
                    "",
                    jakarta.json.Json.createObjectBuilder()
                            .add("bodyText", like)
                            .add(
                                    "sign",
                                    jakarta.json.Json.createObjectBuilder()
                                            .add("key", e.getKey())
                                            .add("keyId", actor + "#main-key"))
                            .add(
                                    "expect",
                                    jakarta.json.Json.createObjectBuilder().add("status", e.getValue()))
                            .build());
            RawHttp.Response response = send(warm);
            assertThat(response.status())
                    .as("warm-up of %s: %s", e.getKey(), response.body())
                    .isEqualTo(e.getValue());
        }
        site.federation().inbox().processDue();
    }

    private static RawHttp.Response send(HostileCase c) throws Exception {
        CaseRequest request = CaseRequest.of(c, site.origin(), keys, Instant.now());
        return RawHttp.send(
                new InetSocketAddress("127.0.0.1", site.origin().getPort()),
                request.method(),
                request.target(),
                request.headers(),
                request.body());
    }

    @Test
    void theCorpusHasAtLeastSixtyCasesAndCoversEveryCategory() {
        List<HostileCase> all = HostileCase.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        Set<String> covered = all.stream().map(HostileCase::category).collect(Collectors.toSet());
        assertThat(covered).containsAll(HostileCase.CATEGORIES);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseIsRefusedAsItSaysAndChangesNothing() {
        return HostileCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> replay(c.fill(values))));
    }

    private static synchronized void replay(HostileCase c) throws Exception {
        registerRemoteAnswers(c);
        List<String> locals = List.of("news");
        List<URI> objects = List.of(post, VICTIM_REPLY);
        Map<String, Object> before = watch.snapshot(locals, objects, remoteActors);
        int writes = watch.mark();
        int attempts = outbound.mark();
        int canaryHits = canary.requests().size();

        RawHttp.Response response = send(c);

        assertThat(response.status())
                .as("%s (%s): status; body: %s", c.name(), c.description(), response.body())
                .isEqualTo(c.status());
        c.reason().ifPresent(reason -> assertThat(response.body().toLowerCase(java.util.Locale.ROOT))
                .as("%s: reason", c.name())
                .contains(reason.toLowerCase(java.util.Locale.ROOT)));
        if (response.status() >= 400 && c.spec().getString("target", "/inbox").endsWith("/inbox")) {
            assertThat(response.headers().get("content-type"))
                    .as("%s: a refusal is JSON", c.name())
                    .startsWith("application/json");
        }
        if (c.queued()) {
            assertThat(response.status())
                    .as("%s: only a 202 is queued", c.name())
                    .isEqualTo(202);
            site.federation().inbox().processDue();
        }

        Map<String, Object> after = watch.snapshot(locals, objects, remoteActors);
        if (c.queued()) {
            @SuppressWarnings("unchecked")
            Map<JobState, Long> queue = new EnumMap<>((Map<JobState, Long>) before.get("inbox queue"));
            queue.merge(JobState.DONE, 1L, Long::sum);
            before.put("inbox queue", new TreeMap<>(queue));
        }
        assertThat(differences(before, after))
                .as("%s: what changed in the store", c.name())
                .isEmpty();

        List<String> unexpectedWrites = watch.writesSince(writes).stream()
                .filter(w -> !allowedWrite(w, c))
                .toList();
        assertThat(unexpectedWrites).as("%s: writes to the store", c.name()).isEmpty();

        List<OutboundRecorder.Attempt> tried = outbound.since(attempts);
        assertThat(tried)
                .as("%s: no URL the production policy allows may be fetched", c.name())
                .noneMatch(a -> a.verdict() == OutboundRecorder.Verdict.ESCAPED);
        if (c.spec().getJsonObject("expect").getBoolean("noFetch", false)) {
            assertThat(tried)
                    .as("%s: Herald must not even try to fetch", c.name())
                    .isEmpty();
        }
        for (String target : c.refused()) {
            assertThat(tried)
                    .as("%s: %s was refused by the production policy; tried: %s", c.name(), target, tried)
                    .anyMatch(a -> a.verdict() == OutboundRecorder.Verdict.REFUSED_BY_PRODUCTION_POLICY
                            && a.uri().toString().contains(target));
        }
        assertThat(canary.requests().size() - canaryHits)
                .as("%s: requests that reached the loopback canary", c.name())
                .isZero();
    }

    private static List<String> differences(Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream()
                .filter(k -> !java.util.Objects.equals(before.get(k), after.get(k)))
                .map(k -> k + ": " + before.get(k) + " -> " + after.get(k))
                .toList();
    }

    /**
     * Writes a case may cause: a queued activity's own lifecycle in the inbox queue, and a cache refresh of one of
     * the test remote's actors (its content is compared in the snapshot).
     */
    private static boolean allowedWrite(String write, HostileCase c) {
        if (c.queued()
                && (write.startsWith("inbox.accept(")
                        || write.startsWith("inbox.claim(")
                        || write.startsWith("inbox.processed("))) {
            return true;
        }
        return write.startsWith("remoteActors.put(RemoteActor[id=" + remote.origin() + "/users/");
    }

    private static void registerRemoteAnswers(HostileCase c) {
        JsonObject answers = c.spec().getJsonObject("remote");
        if (answers == null) {
            return;
        }
        answers.forEach((path, value) -> {
            JsonObject a = value.asJsonObject();
            if (a.containsKey("redirect")) {
                remote.on(path, RemoteServer.Answer.redirect(a.getString("redirect")));
            } else {
                remote.on(
                        path,
                        RemoteServer.Answer.json(
                                a.getString("contentType", "application/activity+json"),
                                a.getJsonObject("json").toString()));
            }
        });
    }

    private static String jsonString(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }
}
