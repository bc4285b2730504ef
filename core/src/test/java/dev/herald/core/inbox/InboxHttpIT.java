package dev.herald.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.store.Follower;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.servlet.HeraldTestSite;
import dev.herald.signatures.CavageSigner;
import dev.herald.signatures.HttpFields;
import dev.herald.signatures.HttpMessage;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.SigningKey;
import dev.herald.webfinger.NetworkPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox over real HTTP (Jetty, the servlet filter): a signed Follow whose key is fetched from a loopback
 * "remote" server is stored and processed, and the refusals keep their status, JSON reason and headers.
 */
class InboxHttpIT {
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
                .blockDomain("blocked.example")
                .inboxSettings(InboxSettings.builder()
                        .workers(1)
                        .pollInterval(Duration.ofMillis(100))
                        .rate(60, 3)
                        .build())
                .build());
    }

    @AfterAll
    static void stop() {
        site.close();
        remote.close();
    }

    private static HttpResponse<String> post(String path, HttpFields headers, byte[] body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(site.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signed(SigningKey key, String path, String contentType, String json)
            throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpMessage.Request message = CavageSigner.of(key)
                .sign(HttpMessage.Request.of("POST", site.uri(path), HttpFields.of("Content-Type", contentType)), body);
        return post(path, message.fields(), body);
    }

    private static String follow(URI actor, String id) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor + "/follows/" + id
                + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\""
                + site.federation().actorId("news") + "\"}";
    }

    @Test
    void aSignedFollowIsStoredProcessedAndAccepted() throws Exception {
        SigningKey key = SigningKey.of(bob + "#main-key", KEYS.getPrivate());
        HttpResponse<String> response = signed(key, "/ap/inbox", "application/activity+json", follow(bob, "http"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(20);
        while (STORE.followers().find("news", bob).isEmpty() || remote.hits("/users/bob/inbox") == 0) {
            assertThat(Instant.now()).as("followed and accepted in time").isBefore(deadline);
            Thread.sleep(50);
        }
        assertThat(STORE.followers().find("news", bob).orElseThrow().state()).isEqualTo(Follower.State.ACCEPTED);
    }

    @Test
    void refusalsKeepTheirStatusReasonAndHeaders() throws Exception {
        long before = STORE.inbox().counts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        byte[] note = follow(bob, "x").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> wrongType =
                post("/ap/actors/news/inbox", HttpFields.of("Content-Type", "text/plain"), note);
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.body()).contains("\"error\"");
        HttpResponse<String> unsigned =
                post("/ap/actors/news/inbox", HttpFields.of("Content-Type", "application/activity+json"), note);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

        URI spammer = URI.create("https://blocked.example/users/spam");
        SigningKey spam =
                SigningKey.of(spammer + "#main-key", KeyPairs.rsa2048().getPrivate());
        HttpResponse<String> blocked =
                signed(spam, "/ap/actors/news/inbox", "application/activity+json", follow(spammer, "1"));
        assertThat(blocked.statusCode()).isEqualTo(403);

        URI flooder = URI.create("https://unresolvable.invalid/users/flood");
        SigningKey flood =
                SigningKey.of(flooder + "#main-key", KeyPairs.rsa2048().getPrivate());
        int last = 0;
        HttpResponse<String> limited = null;
        for (int i = 0; i < 6 && last != 429; i++) {
            limited = signed(flood, "/ap/inbox", "application/activity+json", follow(flooder, "f" + i));
            last = limited.statusCode();
        }
        assertThat(last).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(STORE.inbox().counts().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(before);
    }
}
