package dev.herald.core;

import static dev.herald.core.TestFederations.BROWSER_ACCEPT;
import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.get;
import static dev.herald.core.TestFederations.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldRequest;
import dev.herald.core.http.HeraldResponse;
import dev.herald.signatures.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which requests are Herald's, and what the routes answer before any document is looked at. */
class FederationRoutingTest {
    private final Federation federation = TestFederations.standard();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/news/",
                "/about",
                "/apx/actors/news",
                "/ap",
                "/.well-known/security.txt",
                "/.well-known/nodeinfo/extra",
                "/favicon.ico"
            })
    void pathsOutsideHeraldsAreTheSites(String path) {
        assertThat(federation.handle(apGet(path))).isEmpty();
        assertThat(federation.handle(get(path, BROWSER_ACCEPT))).isEmpty();
        assertThat(federation.variesByAccept(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/ap/actors/news",
                "/ap/actor",
                "/ap/actor/outbox",
                "/ap/actors/news/outbox",
                "/ap/actors/news/followers",
                "/ap/actors/news/following",
                "/ap/actors/news/featured",
                "/ap/objects/1",
                "/ap/actors/nobody"
            })
    void browsersFallThroughToTheSitesPageAtDocumentUrls(String path) {
        assertThat(federation.handle(get(path, BROWSER_ACCEPT))).isEmpty();
        assertThat(federation.handle(get(path, ""))).isEmpty();
        assertThat(federation.handle(get(path, "*/*"))).isEmpty();
        assertThat(federation.variesByAccept(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/activity+json",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
                "application/json"
            })
    void everyActivityPubTypeGetsActivityJson(String accept) {
        HeraldResponse response = answer(federation, get("/ap/actors/news", accept));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/activity+json; charset=utf-8");
        assertThat(response.header("Vary")).contains("Accept");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        HeraldResponse full = answer(federation, apGet("/ap/actors/news"));
        HeraldResponse head = answer(
                federation,
                HeraldRequest.of("HEAD", "/ap/actors/news", HttpFields.of("Accept", "application/activity+json")));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bodyLength()).isZero();
        assertThat(head.header("Content-Length")).contains(Integer.toString(full.bodyLength()));
        assertThat(head.header("Content-Type")).isEqualTo(full.header("Content-Type"));
        assertThat(head.header("Vary")).contains("Accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ap/inbox", "/ap/actor/inbox", "/ap/actors/news/inbox"})
    void inboxesRefuseUnsignedPostsWith401(String path) {
        HeraldRequest post = new HeraldRequest(
                "POST",
                path,
                "",
                HttpFields.of("Content-Type", "application/activity+json"),
                "{\"type\":\"Follow\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(federation.readsBody("POST", path)).isTrue();
        HeraldResponse response = answer(federation, post);
        // The inbox (dev.herald.core.inbox) answers now: an unsigned POST is refused before anything is stored.
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(json(response).getString("error")).contains("no Signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
    void inboxesRefuseOtherMethodsWith405(String method) {
        HeraldResponse response = answer(federation, HeraldRequest.of(method, "/ap/inbox", HttpFields.empty()));
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("POST");
        assertThat(federation.readsBody(method, "/ap/inbox")).isFalse();
    }

    @Test
    void theInboxOfAnUnknownActorIs404() {
        HeraldResponse response =
                answer(federation, HeraldRequest.of("POST", "/ap/actors/nobody/inbox", HttpFields.empty()));
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void anOversizedInboxPostIs413() {
        HeraldRequest post = new HeraldRequest(
                "POST", "/ap/inbox", "", HttpFields.empty(), new byte[Federation.DEFAULT_MAX_BODY_BYTES + 1]);
        HeraldResponse response = answer(federation, post);
        assertThat(response.status()).isEqualTo(413);
        assertThat(json(response).getString("error")).contains("larger than");
    }

    @Test
    void otherMethodsOnDocumentsAre405ForActivityPubClientsAndTheSitesOtherwise() {
        HeraldRequest apPost =
                HeraldRequest.of("POST", "/ap/actors/news", HttpFields.of("Content-Type", "application/activity+json"));
        HeraldResponse response = answer(federation, apPost);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET, HEAD");
        assertThat(federation.handle(HeraldRequest.of(
                        "POST", "/ap/actors/news", HttpFields.of("Content-Type", "application/x-www-form-urlencoded"))))
                .isEmpty();
        assertThat(federation.handle(HeraldRequest.of("OPTIONS", "/ap/actors/news", HttpFields.empty())))
                .isEmpty();
        assertThat(federation.readsBody("POST", "/ap/actors/news")).isFalse();
    }

    @Test
    void nodeInfoAndWebFingerAreAnsweredWhateverTheAcceptHeader() {
        assertThat(answer(federation, get("/.well-known/nodeinfo", BROWSER_ACCEPT))
                        .status())
                .isEqualTo(200);
        assertThat(answer(federation, get("/ap/nodeinfo/2.1", "")).status()).isEqualTo(200);
        assertThat(answer(federation, get("/.well-known/webfinger?resource=acct:news@example.org", BROWSER_ACCEPT))
                        .status())
                .isEqualTo(200);
        assertThat(answer(federation, HeraldRequest.of("POST", "/ap/nodeinfo/2.1", HttpFields.empty()))
                        .status())
                .isEqualTo(405);
    }

    @Test
    void aDifferentBasePathMovesEveryRoute() {
        Federation moved = TestFederations.builder(TestFederations.store())
                .basePath("/fediverse")
                .build();
        assertThat(json(answer(moved, apGet("/fediverse/actors/news"))).getString("id"))
                .isEqualTo("https://www.example.org/fediverse/actors/news");
        assertThat(moved.handle(apGet("/ap/actors/news"))).isEmpty();
        assertThat(moved.actorId("news")).hasToString("https://www.example.org/fediverse/actors/news");
    }
}
