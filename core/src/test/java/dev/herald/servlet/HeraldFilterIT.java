package dev.herald.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Federation;
import dev.herald.core.TestFederations;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.webfinger.Jrd;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route over real HTTP, through the filter in Jetty, next to the site's own pages. */
class HeraldFilterIT {
    private static final String AP = "application/activity+json";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static InMemoryStore store;
    private static HeraldTestSite site;
    private static String actor;

    @BeforeAll
    static void start() throws Exception {
        store = TestFederations.store();
        site = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(TestFederations.news())
                .store(store)
                .pageSize(2)
                .maxBodyBytes(1024)
                .softwareVersion("9.9.9")
                .build());
        actor = site.origin() + "/ap/actors/news";
        Instant now = Instant.now();
        store.objects()
                .put(TestFederations.note(
                        actor + "/notes/1", "news", now.minusSeconds(60), StoredObject.Visibility.PUBLIC, true));
        store.objects()
                .put(TestFederations.note(
                        actor + "/notes/2", "news", now.minusSeconds(30), StoredObject.Visibility.PUBLIC, false));
        store.objects()
                .put(TestFederations.note(actor + "/notes/3", "news", now, StoredObject.Visibility.PUBLIC, false));
        store.objects()
                .put(TestFederations.note(actor + "/notes/gone", "news", now, StoredObject.Visibility.PUBLIC, false));
        store.objects().markDeleted(URI.create(actor + "/notes/gone"), now);
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    private static HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(site.uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (!accept.isEmpty()) {
            request.header("Accept", accept);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static HttpResponse<String> apGet(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery, AP);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/"));
        return response;
    }

    @Test
    void theActorIsServedToActivityPubClientsFieldByField() throws Exception {
        HttpResponse<String> response = apGet("/ap/actors/news");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/activity+json; charset=utf-8");
        assertThat(response.headers().allValues("Vary")).contains("Accept");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        JsonObject json = json(response);
        assertThat(json.getString("id")).isEqualTo(actor);
        assertThat(json.getString("type")).isEqualTo("Organization");
        assertThat(json.getString("preferredUsername")).isEqualTo("news");
        assertThat(json.getString("inbox")).isEqualTo(actor + "/inbox");
        assertThat(json.getString("outbox")).isEqualTo(actor + "/outbox");
        assertThat(json.getString("followers")).isEqualTo(actor + "/followers");
        assertThat(json.getString("following")).isEqualTo(actor + "/following");
        assertThat(json.getString("featured")).isEqualTo(actor + "/featured");
        assertThat(json.getJsonObject("endpoints").getString("sharedInbox")).isEqualTo(site.origin() + "/ap/inbox");
        assertThat(json.getJsonObject("publicKey").getString("id")).isEqualTo(actor + "#main-key");
        assertThat(json.getJsonObject("publicKey").getString("owner")).isEqualTo(actor);
        assertThat(json.getJsonObject("publicKey").getString("publicKeyPem")).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(json.getString("url")).isEqualTo("https://www.example.org/news/");
        assertThat(json.getJsonObject("icon").getString("name")).isEqualTo("The Example logo");
        assertThat(json.getJsonObject("image").getString("mediaType")).isEqualTo("image/jpeg");
        assertThat(json.getString("published")).isEqualTo(TestFederations.KEYS_CREATED.toString());
        assertThat(json.getBoolean("manuallyApprovesFollowers")).isFalse();
        assertThat(json.getBoolean("discoverable")).isTrue();
        assertThat(json.getBoolean("indexable")).isTrue();
        assertThat(json.getJsonArray("attachment").getJsonObject(0).getString("type"))
                .isEqualTo("PropertyValue");
        assertThat(json.getString("webfinger"))
                .isEqualTo("acct:news@" + site.origin().getAuthority());
    }

    @Test
    void aBrowserAtTheActorUrlGetsTheSitesPageWithVaryAccept() throws Exception {
        HttpResponse<String> page = get("/ap/actors/news", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains(HeraldTestSite.PAGE_MARKER);
        assertThat(page.headers().allValues("Vary")).contains("Accept");
    }

    @Test
    void theSitesOtherPagesAreUntouched() throws Exception {
        HttpResponse<String> home = get("/", "");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(HeraldTestSite.PAGE_MARKER);
        assertThat(home.headers().allValues("Vary")).doesNotContain("Accept");
        assertThat(get("/", AP).body()).contains(HeraldTestSite.PAGE_MARKER);
    }

    @Test
    void theSitesOwnPostsKeepTheirBodies() throws Exception {
        HttpResponse<String> echoed = CLIENT.send(
                HttpRequest.newBuilder(site.uri("/form"))
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.body()).isEqualTo("the site got 5000 bytes");
    }

    @Test
    void headAnswersHeadersOnly() throws Exception {
        int length = apGet("/ap/actors/news").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        HttpResponse<String> head = CLIENT.send(
                HttpRequest.newBuilder(site.uri("/ap/actors/news"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .header("Accept", AP)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(length));
        assertThat(head.headers().allValues("Vary")).contains("Accept");
    }

    @Test
    void webFingerFindsTheActorAndItsProfilePage() throws Exception {
        HttpResponse<String> response =
                get("/.well-known/webfinger?resource=acct:news@" + site.origin().getAuthority(), "");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/jrd+json");
        Jrd jrd = Jrd.parse(response.body());
        assertThat(jrd.activityPubActor()).contains(URI.create(actor));
        assertThat(jrd.link("http://webfinger.net/rel/profile-page").flatMap(l -> l.href()))
                .contains("https://www.example.org/news/");
        assertThat(get(
                                "/.well-known/webfinger?resource=acct:nobody@"
                                        + site.origin().getAuthority(),
                                "")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/.well-known/host-meta", "").body()).contains("lrdd");
    }

    @Test
    void nodeInfoDescribesHerald() throws Exception {
        JsonObject links = json(get("/.well-known/nodeinfo", ""));
        String href = links.getJsonArray("links").getJsonObject(0).getString("href");
        assertThat(href).isEqualTo(site.origin() + "/ap/nodeinfo/2.1");
        JsonObject nodeInfo = json(get("/ap/nodeinfo/2.1", ""));
        assertThat(nodeInfo.getJsonObject("software").getString("name")).isEqualTo("herald");
        assertThat(nodeInfo.getJsonObject("software").getString("version")).isEqualTo("9.9.9");
        assertThat(nodeInfo.getJsonObject("usage").getInt("localPosts")).isEqualTo(3);
        assertThat(nodeInfo.getJsonObject("usage").getJsonObject("users").getInt("activeMonth"))
                .isEqualTo(1);
    }

    @Test
    void theOutboxPagesThroughEveryPost() throws Exception {
        JsonObject outbox = json(apGet("/ap/actors/news/outbox"));
        assertThat(outbox.getInt("totalItems")).isEqualTo(3);
        String next = outbox.getString("first");
        int items = 0;
        while (next != null) {
            JsonObject page = json(apGet(next.substring(site.origin().toString().length())));
            assertThat(page.getString("id")).isEqualTo(next);
            items += page.getJsonArray("orderedItems").size();
            next = page.containsKey("next") ? page.getString("next") : null;
        }
        assertThat(items).isEqualTo(3);
    }

    @Test
    void collectionsAndFeaturedAreServed() throws Exception {
        assertThat(json(apGet("/ap/actors/news/followers")).getInt("totalItems"))
                .isZero();
        assertThat(json(apGet("/ap/actors/news/following?page=1")).getString("type"))
                .isEqualTo("OrderedCollectionPage");
        JsonObject featured = json(apGet("/ap/actors/news/featured"));
        assertThat(featured.getJsonArray("orderedItems").getJsonObject(0).getString("id"))
                .isEqualTo(actor + "/notes/1");
        assertThat(json(apGet("/ap/actor")).getString("type")).isEqualTo("Application");
        assertThat(json(apGet("/ap/actor/outbox")).getInt("totalItems")).isZero();
    }

    @Test
    void objectsAre200Or410Or404() throws Exception {
        HttpResponse<String> note = apGet("/ap/actors/news/notes/2");
        assertThat(note.statusCode()).isEqualTo(200);
        assertThat(json(note).getString("id")).isEqualTo(actor + "/notes/2");
        HttpResponse<String> gone = apGet("/ap/actors/news/notes/gone");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json(gone).getString("type")).isEqualTo("Tombstone");
        HttpResponse<String> missing = apGet("/ap/actors/news/notes/404");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).getString("error")).isEqualTo("no such object");
        assertThat(get("/ap/actors/news/notes/2", "text/html").body()).contains(HeraldTestSite.PAGE_MARKER);
    }

    @Test
    void unsignedInboxPostsAre401AndGetsAre405() throws Exception {
        HttpResponse<String> post = CLIENT.send(
                HttpRequest.newBuilder(site.uri("/ap/inbox"))
                        .header("Content-Type", AP)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"Follow\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // The inbox answers now: an unsigned POST is refused before anything is stored.
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(json(post).getString("error")).contains("no Signature");
        HttpResponse<String> getInbox = get("/ap/actors/news/inbox", AP);
        assertThat(getInbox.statusCode()).isEqualTo(405);
        assertThat(getInbox.headers().firstValue("Allow")).contains("POST");
    }

    @Test
    void anOversizedInboxPostIs413WithOrWithoutContentLength() throws Exception {
        byte[] big = new byte[4096];
        HttpResponse<String> declared = CLIENT.send(
                HttpRequest.newBuilder(site.uri("/ap/actors/news/inbox"))
                        .header("Content-Type", AP)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(json(declared).getString("error")).contains("larger than 1024 bytes");
        HttpResponse<String> chunked = CLIENT.send(
                HttpRequest.newBuilder(site.uri("/ap/inbox"))
                        .header("Content-Type", AP)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
    }
}
