package dev.herald.core;

import static dev.herald.core.TestFederations.NOW;
import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.get;
import static dev.herald.core.TestFederations.json;
import static dev.herald.core.TestFederations.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.Follower;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.KeyResolver;
import dev.herald.signatures.Rfc9421Signer;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.VerificationKey;
import java.net.URI;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Mastodon's "secure mode": signed GETs for collections and objects; actors, WebFinger and NodeInfo stay public. */
class AuthorizedFetchTest {
    private static final KeyPair REMOTE = KeyPairs.rsa2048();
    private static final String MASTODON_KEY = "https://mastodon.example/actor#main-key";
    private static final String SPAM_KEY = "https://bad.spam.example/actor#main-key";
    private static final String NOTE = "https://www.example.org/ap/actors/news/notes/1";

    private final InMemoryStore store = TestFederations.store();
    private final List<String> resolved = new CopyOnWriteArrayList<>();
    private final KeyResolver keys = keyId -> {
        resolved.add(keyId);
        if (keyId.equals(MASTODON_KEY) || keyId.equals(SPAM_KEY) || keyId.startsWith("https://other.example/")) {
            URI owner = URI.create(keyId.substring(0, keyId.indexOf('#')));
            return Optional.of(VerificationKey.of(keyId, REMOTE.getPublic(), owner));
        }
        return Optional.empty();
    };
    private final Federation federation = TestFederations.builder(store)
            .authorizedFetch(true)
            .keyResolver(keys)
            .blockDomain("spam.example")
            .build();

    private static HeraldRequest signed(String keyId, String target) {
        CavageSigner signer = CavageSigner.builder(SigningKey.of(keyId, REMOTE.getPrivate()))
                .clock(TestFederations.clock())
                .build();
        HttpMessage.Request request = signer.sign(
                HttpMessage.Request.of(
                        "GET",
                        URI.create("https://www.example.org" + target),
                        HttpFields.of("Accept", TestFederations.MASTODON_ACCEPT)),
                new byte[0]);
        return HeraldRequest.get(target, request.fields());
    }

    @Test
    void aSignedGetIsAnsweredPrivately() {
        HeraldResponse response = answer(federation, signed(MASTODON_KEY, "/ap/actors/news/outbox"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(json(response).getString("type")).isEqualTo("OrderedCollection");
        assertThat(response.header("Cache-Control")).contains("private, no-store");
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.header("Vary")).contains("Accept");
    }

    @Test
    void aSignedGetWithAQueryIsAccepted() {
        assertThat(answer(federation, signed(MASTODON_KEY, "/ap/actors/news/followers?page=1"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anRfc9421SignatureIsAcceptedToo() {
        HttpMessage.Request request = Rfc9421Signer.builder(SigningKey.of(MASTODON_KEY, REMOTE.getPrivate()))
                .clock(TestFederations.clock())
                .build()
                .sign(
                        HttpMessage.Request.of(
                                "GET",
                                URI.create("https://www.example.org/ap/actors/news/following"),
                                HttpFields.empty()),
                        new byte[0]);
        HeraldRequest get = HeraldRequest.get(
                "/ap/actors/news/following", request.fields().with("Accept", "application/activity+json"));
        assertThat(answer(federation, get).status()).isEqualTo(200);
    }

    @Test
    void anUnsignedGetIs401WithAReason() {
        HeraldResponse response = answer(federation, apGet("/ap/actors/news/outbox"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).getString("error")).startsWith("Request not signed");
        assertThat(response.header("Vary")).contains("Accept");
    }

    @Test
    void aTamperedSignatureIs401() {
        HeraldRequest good = signed(MASTODON_KEY, "/ap/actors/news/outbox");
        HeraldRequest elsewhere = HeraldRequest.get("/ap/actors/news/followers", good.headers());
        HeraldResponse response = answer(federation, elsewhere);
        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).getString("error")).startsWith("Signature rejected");
    }

    @Test
    void anUnknownKeyIs401() {
        assertThat(answer(federation, signed("https://nobody.example/actor#main-key", "/ap/actors/news/outbox"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aBlockedDomainIs403AndItsKeyIsNeverFetched() {
        HeraldResponse response = answer(federation, signed(SPAM_KEY, "/ap/actors/news/outbox"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(json(response).getString("error")).contains("blocked");
        assertThat(resolved).doesNotContain(SPAM_KEY);
    }

    @Test
    void theHostHeaderAReverseProxyRewroteDoesNotMatter() {
        HeraldRequest viaProxy = signed(MASTODON_KEY, "/ap/actors/news/outbox");
        HeraldRequest rewritten =
                HeraldRequest.get("/ap/actors/news/outbox", viaProxy.headers().replacing("Host", "127.0.0.1:8080"));
        assertThat(answer(federation, rewritten).status()).isEqualTo(200);
    }

    @Test
    void actorsWebFingerAndNodeInfoStayPublic() {
        assertThat(answer(federation, apGet("/ap/actors/news")).status()).isEqualTo(200);
        assertThat(answer(federation, apGet("/ap/actor")).status()).isEqualTo(200);
        assertThat(answer(federation, get("/.well-known/webfinger?resource=acct:news@example.org", ""))
                        .status())
                .isEqualTo(200);
        assertThat(answer(federation, get("/.well-known/nodeinfo", "")).status())
                .isEqualTo(200);
        assertThat(answer(federation, get("/ap/nodeinfo/2.1", "")).status()).isEqualTo(200);
        assertThat(answer(federation, apGet("/ap/actor/outbox")).status()).isEqualTo(401);
    }

    @Test
    void objectsAndTombstonesNeedASignature() {
        store.objects().put(note(NOTE, "news", NOW, StoredObject.Visibility.PUBLIC, false));
        assertThat(answer(federation, apGet("/ap/actors/news/notes/1")).status())
                .isEqualTo(401);
        assertThat(answer(federation, signed(MASTODON_KEY, "/ap/actors/news/notes/1"))
                        .status())
                .isEqualTo(200);
        store.objects().markDeleted(URI.create(NOTE), NOW);
        assertThat(answer(federation, apGet("/ap/actors/news/notes/1")).status())
                .isEqualTo(401);
        assertThat(answer(federation, signed(MASTODON_KEY, "/ap/actors/news/notes/1"))
                        .status())
                .isEqualTo(410);
    }

    @Test
    void aFollowersOnlyObjectIsShownOnlyToAServerWhereTheActorHasAFollower() {
        store.objects().put(note(NOTE, "news", NOW, StoredObject.Visibility.FOLLOWERS, false));
        store.followers()
                .put(new Follower(
                        "news",
                        URI.create("https://mastodon.example/users/alice"),
                        URI.create("https://mastodon.example/users/alice/inbox"),
                        Optional.empty(),
                        Optional.empty(),
                        Follower.State.ACCEPTED,
                        NOW));
        HeraldResponse follower = answer(federation, signed(MASTODON_KEY, "/ap/actors/news/notes/1"));
        assertThat(follower.status()).isEqualTo(200);
        assertThat(follower.header("Cache-Control")).contains("private, no-store");
        HeraldResponse stranger =
                answer(federation, signed("https://other.example/actor#main-key", "/ap/actors/news/notes/1"));
        assertThat(stranger.status()).isEqualTo(404);
    }

    @Test
    void aPendingFollowerDoesNotUnlockFollowersOnlyObjects() {
        store.objects().put(note(NOTE, "news", NOW, StoredObject.Visibility.FOLLOWERS, false));
        store.followers()
                .put(new Follower(
                        "news",
                        URI.create("https://mastodon.example/actor"),
                        URI.create("https://mastodon.example/actor/inbox"),
                        Optional.empty(),
                        Optional.empty(),
                        Follower.State.PENDING,
                        NOW));
        assertThat(answer(federation, signed(MASTODON_KEY, "/ap/actors/news/notes/1"))
                        .status())
                .isEqualTo(404);
    }
}
