package dev.herald.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.fetch.RemoteServer.Answer;
import dev.herald.core.vocab.Actor;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one signed GET: policy on every hop, redirects, status, content type, size, origin, timeouts. */
class RemoteFetcherTest {
    static final SigningKey INSTANCE = SigningKey.of(
            "https://www.example.org/ap/actor#main-key", KeyPairs.rsa2048().getPrivate());

    private final RemoteServer remote = RemoteServer.start();
    private final RemoteFetcher fetcher = RemoteFetcher.builder()
            .signingKey(INSTANCE)
            .networkPolicy(NetworkPolicy.allowPrivateNetwork())
            .timeout(Duration.ofMillis(1500))
            .maxBytes(4096)
            .build();

    @AfterEach
    void stop() {
        remote.close();
    }

    static String actor(URI id) {
        return "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/security/v1\"],"
                + "\"id\":\"" + id + "\",\"type\":\"Person\",\"inbox\":\"" + id + "/inbox\","
                + "\"preferredUsername\":\"bob\"}";
    }

    private FetchException.Kind failure(URI url) {
        try {
            fetcher.fetch(url);
        } catch (FetchException e) {
            return e.kind();
        }
        throw new AssertionError("fetch succeeded");
    }

    @Test
    void fetchesAndReadsADocumentWithASignedGetAskingForActivityJson() {
        remote.on("/users/bob", Answer.activity(actor(remote.uri("/users/bob"))));
        FetchedDocument doc = fetcher.fetch(remote.uri("/users/bob"));
        assertThat(doc.document().as(Actor.class)).isPresent();
        Map<String, List<String>> headers = remote.requests().get(0);
        assertThat(headers.get("Accept")).containsExactly(RemoteFetcher.ACCEPT);
        assertThat(headers.get("Signature").get(0)).contains("keyId=\"" + INSTANCE.keyId() + "\"");
        assertThat(headers).containsKey("Date");
    }

    @Test
    void followsThreeRedirectsButNotAFourth() {
        URI bob = remote.uri("/users/bob");
        remote.on("/users/bob", Answer.activity(actor(bob)))
                .on("/r1", Answer.redirect("/users/bob"))
                .on("/r2", Answer.redirect("/r1"))
                .on("/r3", Answer.redirect(remote.uri("/r2").toString()))
                .on("/r4", Answer.redirect("/r3"));
        assertThat(fetcher.fetch(remote.uri("/r3")).fetchedFrom()).isEqualTo(bob);
        assertThat(failure(remote.uri("/r4"))).isEqualTo(FetchException.Kind.TOO_MANY_REDIRECTS);
    }

    @Test
    void checksEveryRedirectHopAgainstThePolicy() {
        NetworkPolicy noSecrets = uri -> {
            if (uri.getPath().startsWith("/secret")) {
                throw new NetworkPolicy.Refused(uri, "a secret path");
            }
        };
        RemoteFetcher guarded = RemoteFetcher.builder()
                .signingKey(INSTANCE)
                .networkPolicy(noSecrets)
                .build();
        remote.on("/hop", Answer.redirect("/secret/doc"))
                .on("/secret/doc", Answer.activity(actor(remote.uri("/secret/doc"))));
        assertThatThrownBy(() -> guarded.fetch(remote.uri("/hop")))
                .isInstanceOfSatisfying(
                        FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED));
        assertThat(remote.hits("/secret/doc")).isZero();
    }

    @Test
    void theDefaultPolicyRefusesLoopbackBeforeAnyRequest() {
        RemoteFetcher strict = RemoteFetcher.builder().signingKey(INSTANCE).build();
        assertThatThrownBy(() -> strict.fetch(remote.uri("/users/bob")))
                .isInstanceOfSatisfying(
                        FetchException.class, e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.REFUSED));
        assertThat(remote.requests()).isEmpty();
    }

    @Test
    void goneDocumentsAre404Or410() {
        remote.on("/gone", Answer.status(410));
        assertThat(failure(remote.uri("/gone"))).isEqualTo(FetchException.Kind.GONE);
        assertThat(failure(remote.uri("/never"))).isEqualTo(FetchException.Kind.GONE);
        remote.on("/broken", Answer.status(500));
        assertThat(failure(remote.uri("/broken"))).isEqualTo(FetchException.Kind.UNEXPECTED_STATUS);
    }

    @Test
    void acceptsOnlyActivityPubContentTypes() {
        URI doc = remote.uri("/doc");
        remote.on("/doc", Answer.json("text/html; charset=utf-8", actor(doc)));
        assertThat(failure(doc)).isEqualTo(FetchException.Kind.WRONG_CONTENT_TYPE);
        remote.on(
                "/doc",
                Answer.json("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"", actor(doc)));
        assertThat(fetcher.fetch(doc).document().as(Actor.class)).isPresent();
        remote.on("/doc", Answer.json("application/json", actor(doc)));
        assertThat(fetcher.fetch(doc).document().as(Actor.class)).isPresent();
    }

    @Test
    void refusesBodiesOverTheCap() {
        URI doc = remote.uri("/big");
        String big = actor(doc).replace("\"type\"", "\"pad\":\"" + "x".repeat(8000) + "\",\"type\"");
        remote.on("/big", Answer.activity(big));
        assertThat(failure(doc)).isEqualTo(FetchException.Kind.TOO_LARGE);
    }

    @Test
    void refusesADocumentWhoseIdIsOnAnotherOrigin() {
        remote.on("/users/bob", Answer.activity(actor(URI.create("https://elsewhere.example/users/bob"))));
        assertThat(failure(remote.uri("/users/bob"))).isEqualTo(FetchException.Kind.ORIGIN_MISMATCH);
        remote.on("/noid", Answer.activity("{\"type\":\"Note\",\"content\":\"x\"}"));
        assertThat(failure(remote.uri("/noid"))).isEqualTo(FetchException.Kind.INVALID_DOCUMENT);
        remote.on("/junk", Answer.activity("{not json"));
        assertThat(failure(remote.uri("/junk"))).isEqualTo(FetchException.Kind.INVALID_DOCUMENT);
    }

    @Test
    void givesUpOnASlowServer() {
        URI doc = remote.uri("/slow");
        remote.on(
                "/slow",
                new Answer(
                        200,
                        Map.of("Content-Type", "application/activity+json"),
                        actor(doc).getBytes(),
                        4000));
        long start = System.nanoTime();
        assertThat(failure(doc)).isEqualTo(FetchException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
