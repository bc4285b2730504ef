package dev.herald.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorUrls;
import dev.herald.core.fetch.RemoteActors;
import dev.herald.core.fetch.RemoteFetcher;
import dev.herald.core.http.HeraldRequest;
import dev.herald.core.inbox.InboxReply.Outcome;
import dev.herald.core.jsonld.ActivityStreamsDictionary;
import dev.herald.core.jsonld.DocumentWriter;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the inbox door with request bodies (docs/fuzzing.md): once unsigned, and once signed by a remote actor whose
 * key is cached, so that a body gets past the signature to the activity checks and the store. The oracle: the door
 * never answers 503 (its answer to an unexpected exception; the in-memory store does not fail) and answers only
 * what the body can earn; it never fetches anything (every URL is refused and counted); and an unsigned body is
 * never stored. Processing the stored activities is not fuzzed here.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the inputs in {@code InboxDoorFuzzTestInputs/unsigned} and {@code
 * InboxDoorFuzzTestInputs/signed} (test resources) and the empty input, as a regression test.
 */
class InboxDoorFuzzTest {
    private static final URI ORIGIN = URI.create("https://www.example.org");
    private static final String INBOX_PATH = "/ap/actors/news/inbox";
    private static final URI BOB = URI.create("https://remote.example/users/bob");
    // Ed25519 signs in microseconds, so the signed target spends its time in the door, not in the signature.
    private static final KeyPair BOB_KEYS = KeyPairs.ed25519();
    private static final SigningKey BOB_KEY = SigningKey.of(BOB + "#main-key", BOB_KEYS.getPrivate());
    private static final AtomicInteger FETCHES = new AtomicInteger();
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final Inbox INBOX = inbox();

    @ActivityStreamsDictionary
    @FuzzTest
    void unsigned(byte[] body) {
        long before = stored();
        InboxReply reply = INBOX.receive(new HeraldRequest(
                "POST", INBOX_PATH, "", HttpFields.of("Content-Type", "application/activity+json"), body));
        assertThat(reply.status()).as(reply.detail()).isIn(202, 401, 413);
        if (reply.status() == 202) {
            assertThat(reply.outcome()).as(reply.detail()).isEqualTo(Outcome.DELETION_ACKNOWLEDGED);
        }
        assertThat(stored()).as("an unsigned body is never stored").isEqualTo(before);
        assertThat(FETCHES).as("fetch attempts").hasValue(0);
    }

    @ActivityStreamsDictionary
    @FuzzTest
    void signed(byte[] body) {
        InboxReply reply = INBOX.receive(signedByBob(body));
        assertThat(reply.status()).as(reply.detail()).isIn(202, 400, 401, 413);
        // The signer adds no Digest for an empty body, and the verifier wants one signed for every POST.
        if (reply.status() == 401 && body.length > 0) {
            assertThat(reply.outcome()).as(reply.detail()).isEqualTo(Outcome.SIGNER_NOT_ACTOR);
        }
        assertThat(FETCHES).as("fetch attempts").hasValue(0);
    }

    @Test
    void theSignedTargetReachesTheStore() {
        String follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + BOB
                + "/follows/harness\",\"type\":\"Follow\",\"actor\":\"" + BOB + "\",\"object\":\"" + ORIGIN
                + "/ap/actors/news\"}";
        InboxReply reply = INBOX.receive(signedByBob(follow.getBytes(StandardCharsets.UTF_8)));
        assertThat(reply.status()).as(reply.detail()).isEqualTo(202);
        assertThat(reply.outcome()).isIn(Outcome.ACCEPTED, Outcome.DUPLICATE);
    }

    private static HeraldRequest signedByBob(byte[] body) {
        HttpMessage.Request signed = CavageSigner.of(BOB_KEY)
                .sign(
                        HttpMessage.Request.of(
                                "POST",
                                URI.create(ORIGIN + INBOX_PATH),
                                HttpFields.of("Content-Type", "application/activity+json")),
                        body);
        return new HeraldRequest("POST", INBOX_PATH, "", signed.fields(), body);
    }

    private static long stored() {
        return STORE.inbox().counts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    private static Inbox inbox() {
        ActorUrls urls = ActorUrls.of(ORIGIN, "/ap");
        KeyPair siteKeys = KeyPairs.ed25519();
        NetworkPolicy refuseAll = uri -> {
            FETCHES.incrementAndGet();
            throw new NetworkPolicy.Refused(uri, "the fuzz test fetches nothing");
        };
        RemoteFetcher fetcher = RemoteFetcher.builder()
                .signingKey(SigningKey.of(urls.mainKey(urls.instanceActor()).toString(), siteKeys.getPrivate()))
                .networkPolicy(refuseAll)
                .timeout(Duration.ofSeconds(2))
                .build();
        RemoteActors actors = RemoteActors.builder()
                .fetcher(fetcher)
                .cache(STORE.remoteActors())
                .clock(Clock.systemUTC())
                .build();
        cacheBob(Instant.now());
        return Inbox.builder()
                .store(STORE)
                .urls(urls)
                .actors(Map.of("news", ActorProfile.builder("news").build()))
                .signingKeys(u -> SigningKey.of(urls.mainKey(urls.actor(u)).toString(), siteKeys.getPrivate()))
                .remoteActors(actors)
                .sender((actor, id, to, json) -> {
                    throw new AssertionError("the door sends nothing");
                })
                // The rate limit would answer 429 after a burst: fuzzing sends thousands of requests a second.
                .settings(InboxSettings.builder()
                        .workers(0)
                        .rate(Integer.MAX_VALUE, Integer.MAX_VALUE)
                        .build())
                .clock(Clock.systemUTC())
                .build();
    }

    private static void cacheBob(Instant now) {
        String pem = Pem.write(BOB_KEYS.getPublic());
        URI keyId = URI.create(BOB + "#main-key");
        Actor actor = Actor.builder(BOB, ActorType.PERSON, URI.create(BOB + "/inbox"))
                .preferredUsername("bob")
                .addPublicKey(new PublicKey(keyId, BOB, pem))
                .build();
        STORE.remoteActors()
                .put(new RemoteActor(
                        BOB,
                        Optional.of(keyId),
                        Optional.of(pem),
                        Optional.of(actor.inbox()),
                        actor.sharedInbox(),
                        DocumentWriter.create().write(actor),
                        now,
                        // Longer than any fuzzing run: the key must stay cached, or the door would fetch it.
                        now.plus(Duration.ofDays(30))));
    }
}
