package dev.herald.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Federation;
import dev.herald.core.TestFederations;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authorized fetch end to end: a "remote" Herald site signs a GET with its instance actor's key; the guarded site
 * fetches that key over HTTP (its own GET signed too), verifies, and answers. Both sites run on 127.0.0.1.
 */
class AuthorizedFetchIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HeraldTestSite remote;
    private static HeraldTestSite guarded;
    private static HeraldTestSite blocking;

    @BeforeAll
    static void start() throws Exception {
        remote = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(TestFederations.news())
                .store(TestFederations.store())
                .authorizedFetch(true)
                .build());
        guarded = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(TestFederations.news())
                .store(TestFederations.store())
                .authorizedFetch(true)
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .build());
        blocking = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(TestFederations.news())
                .store(TestFederations.store())
                .authorizedFetch(true)
                .blockDomain("127.0.0.1")
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        for (HeraldTestSite site : new HeraldTestSite[] {remote, guarded, blocking}) {
            site.close();
        }
    }

    /** A GET of {@code path} on {@code site}, signed by the remote site's instance actor (fixture key). */
    private static HttpResponse<String> signedGet(HeraldTestSite site, String path) throws Exception {
        URI target = site.uri(path);
        SigningKey key = SigningKey.of(
                remote.origin() + "/ap/actor#main-key", TestFederations.keys().getPrivate());
        HttpMessage.Request signed = CavageSigner.of(key)
                .sign(
                        HttpMessage.Request.of("GET", target, HttpFields.of("Accept", "application/activity+json")),
                        null);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(20));
        signed.fields().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> unsignedGet(HeraldTestSite site, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(site.uri(path))
                        .header("Accept", "application/activity+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedGetIsVerifiedWithTheKeyFetchedFromTheSignersSite() throws Exception {
        HttpResponse<String> response = signedGet(guarded, "/ap/actors/news/outbox");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"type\":\"OrderedCollection\"");
        assertThat(signedGet(guarded, "/ap/actors/news/followers?page=1").statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnsignedGetIs401ButTheActorStaysPublic() throws Exception {
        HttpResponse<String> refused = unsignedGet(guarded, "/ap/actors/news/outbox");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Request not signed");
        assertThat(unsignedGet(guarded, "/ap/actors/news").statusCode()).isEqualTo(200);
        assertThat(unsignedGet(guarded, "/ap/actor").statusCode()).isEqualTo(200);
        assertThat(unsignedGet(guarded, "/.well-known/nodeinfo").statusCode()).isEqualTo(200);
    }

    @Test
    void aSignatureFromABlockedDomainIs403() throws Exception {
        HttpResponse<String> response = signedGet(blocking, "/ap/actors/news/outbox");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("blocked");
    }

    @Test
    void aKeyThatDoesNotExistIs401() throws Exception {
        URI target = guarded.uri("/ap/actors/news/outbox");
        SigningKey key = SigningKey.of(
                remote.origin() + "/ap/actors/nobody#main-key",
                TestFederations.keys().getPrivate());
        HttpMessage.Request signed =
                CavageSigner.of(key).sign(HttpMessage.Request.of("GET", target, HttpFields.empty()), null);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).header("Accept", "application/activity+json");
        signed.fields().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
