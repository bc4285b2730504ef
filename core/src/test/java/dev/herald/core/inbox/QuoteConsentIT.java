package dev.herald.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.outbox.Outbox;
import dev.herald.core.outbox.Post;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.servlet.HeraldTestSite;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import dev.herald.signatures.SignatureVerifier;
import dev.herald.signatures.SigningKey;
import dev.herald.signatures.VerificationKey;
import dev.herald.signatures.VerificationResult;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quote consent over real HTTP (Jetty, the servlet filter, the delivery engine): a remote actor on a loopback
 * server asks, as Mastodon 4.5 does, to quote a published post; Herald fetches the quoting post, answers with a
 * signed {@code Accept} delivered to the actor's inbox, and serves the {@code QuoteAuthorization} its {@code result}
 * names until the post is deleted. Malformed requests are refused at the door.
 */
class QuoteConsentIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final KeyPair KEYS = KeyPairs.rsa2048();
    private static final InMemoryStore STORE = new InMemoryStore();
    private static RemoteServer remote;
    private static HeraldTestSite site;
    private static URI bob;

    @BeforeAll
    static void start() throws Exception {
        remote = RemoteServer.start();
        bob = remote.serveActor("bob", KEYS.getPublic());
        site = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(ActorProfile.builder("news").build())
                .store(STORE)
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .inboxSettings(InboxSettings.builder()
                        .workers(1)
                        .pollInterval(Duration.ofMillis(100))
                        .build())
                .build());
    }

    @AfterAll
    static void stop() {
        site.close();
        remote.close();
    }

    private static HttpResponse<String> post(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String path = "/ap/actors/news/inbox";
        HttpMessage.Request signed = CavageSigner.of(SigningKey.of(bob + "#main-key", KEYS.getPrivate()))
                .sign(
                        HttpMessage.Request.of(
                                "POST", site.uri(path), HttpFields.of("Content-Type", "application/activity+json")),
                        body);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(site.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.fields().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI id) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(id)
                        .header("Accept", "application/activity+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String quoteRequest(String id, URI quoted, URI quoting) {
        return "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",{\"QuoteRequest\":"
                + "\"https://w3id.org/fep/044f#QuoteRequest\"}],\"id\":\"" + bob + "/quote-requests/" + id
                + "\",\"type\":\"QuoteRequest\",\"actor\":\"" + bob + "\",\"object\":\"" + quoted
                + "\",\"instrument\":\"" + quoting + "\"}";
    }

    /** The first POST to Bob's inbox whose type is {@code type}, waiting for the delivery engine. */
    private static RemoteServer.Posted delivered(String type) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            for (RemoteServer.Posted p : remote.posted("/users/bob/inbox")) {
                if (parse(new String(p.body(), StandardCharsets.UTF_8))
                        .getString("type")
                        .equals(type)) {
                    return p;
                }
            }
            assertThat(Instant.now()).as("an " + type + " delivered in time").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Checks the delivery's HTTP signature against the local actor's public key. */
    private static VerificationResult verify(RemoteServer.Posted delivery) {
        URI news = site.federation().actorId("news");
        java.security.PublicKey key =
                Pem.readPublicKey(STORE.keyPairs().find("news").orElseThrow().publicKeyPem());
        HttpFields.Builder fields = HttpFields.builder();
        delivery.headers().forEach((name, values) -> values.forEach(v -> fields.add(name, v)));
        HttpMessage.Request request = new HttpMessage.Request(
                "POST",
                URI.create("http://" + delivery.headers().get("Host").get(0) + delivery.path()),
                delivery.path(),
                fields.build(),
                HttpFields.empty());
        return SignatureVerifier.of(keyId -> Optional.of(VerificationKey.of(keyId, key, news)))
                .verify(request, delivery.body());
    }

    @Test
    void aQuoteRequestIsAcceptedWithASignedAcceptAndAStampThatDereferences() throws Exception {
        Outbox.Published published = site.federation()
                .outbox()
                .publish("news", Post.builder().text("Quote me, please").build());
        JsonObject canQuote = parse(get(published.object()).body())
                .getJsonObject("interactionPolicy")
                .getJsonObject("canQuote");
        assertThat(canQuote.getJsonArray("automaticApproval").getString(0))
                .isEqualTo("https://www.w3.org/ns/activitystreams#Public");

        URI quoting = remote.uri("/users/bob/statuses/1");
        remote.on(
                "/users/bob/statuses/1",
                RemoteServer.Answer.activity("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\""
                        + quoting + "\",\"type\":\"Note\",\"attributedTo\":\"" + bob
                        + "\",\"content\":\"<p>Read this</p>\",\"quote\":\"" + published.object() + "\"}"));
        HttpResponse<String> answer = post(quoteRequest("1", published.object(), quoting));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);

        RemoteServer.Posted delivery = delivered("Accept");
        assertThat(verify(delivery)).isInstanceOf(VerificationResult.Verified.class);
        JsonObject accept = parse(new String(delivery.body(), StandardCharsets.UTF_8));
        assertThat(accept.getString("actor"))
                .isEqualTo(site.federation().actorId("news").toString());
        assertThat(accept.getJsonObject("object").getString("id")).isEqualTo(bob + "/quote-requests/1");
        assertThat(accept.getJsonObject("object").getString("instrument")).isEqualTo(quoting.toString());
        URI stampId = URI.create(accept.getString("result"));
        assertThat(stampId.getAuthority()).isEqualTo(site.origin().getAuthority());

        HttpResponse<String> stamp = get(stampId);
        assertThat(stamp.statusCode()).isEqualTo(200);
        JsonObject authorization = parse(stamp.body());
        assertThat(authorization.getString("id")).isEqualTo(stampId.toString());
        assertThat(authorization.getString("type")).isEqualTo("QuoteAuthorization");
        assertThat(authorization.getString("attributedTo"))
                .isEqualTo(site.federation().actorId("news").toString());
        assertThat(authorization.getString("interactingObject")).isEqualTo(quoting.toString());
        assertThat(authorization.getString("interactionTarget"))
                .isEqualTo(published.object().toString());
        assertThat(STORE.engagement().counts(published.object()).quotes()).isEqualTo(1);

        site.federation().outbox().delete(published.object());
        assertThat(get(stampId).statusCode()).as("the quoted post is gone").isEqualTo(410);
    }

    @Test
    void malformedQuoteRequestsAre400AndChangeNothing() throws Exception {
        long stored = STORE.inbox().counts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        String post = site.federation().urls().origin() + "/ap/objects/1";
        List<String> bodies = List.of(
                quoteRequest("no-object", URI.create(post), remote.uri("/users/bob/statuses/2"))
                        .replace(",\"object\":\"" + post + "\"", ""),
                quoteRequest("foreign", URI.create(post), URI.create("https://elsewhere.example/statuses/2")),
                quoteRequest("no-instrument", URI.create(post), remote.uri("/x"))
                        .replace(",\"instrument\":\"" + remote.uri("/x") + "\"", ""));
        for (String body : bodies) {
            HttpResponse<String> answer = post(body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(parse(answer.body()).getString("error")).isNotBlank();
        }
        assertThat(STORE.inbox().counts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(stored);
        for (QuoteAuthorization.State state : QuoteAuthorization.State.values()) {
            assertThat(STORE.quoteAuthorizations()
                            .list("news", state, dev.herald.core.store.PageRequest.first(10))
                            .items())
                    .filteredOn(a -> !a.quotingPost().toString().endsWith("/statuses/1"))
                    .isEmpty();
        }
    }
}
