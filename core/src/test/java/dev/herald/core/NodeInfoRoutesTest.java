package dev.herald.core;

import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.get;
import static dev.herald.core.TestFederations.json;
import static dev.herald.core.TestFederations.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeInfoRoutesTest {
    private static final Instant NOW = TestFederations.NOW;

    @Test
    void wellKnownLinksBothSchemas() {
        HeraldResponse response = answer(TestFederations.standard(), get("/.well-known/nodeinfo", ""));
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        JsonObject links = json(response);
        assertThat(links.getJsonArray("links").getJsonObject(0).getString("rel"))
                .isEqualTo("http://nodeinfo.diaspora.software/ns/schema/2.1");
        assertThat(links.getJsonArray("links").getJsonObject(0).getString("href"))
                .isEqualTo("https://www.example.org/ap/nodeinfo/2.1");
        assertThat(links.getJsonArray("links").getJsonObject(1).getString("href"))
                .isEqualTo("https://www.example.org/ap/nodeinfo/2.0");
    }

    @Test
    void theDocumentCountsActorsActivityAndPostsFromTheStore() {
        InMemoryStore store = TestFederations.store();
        store.objects()
                .put(note(
                        "https://www.example.org/ap/objects/1",
                        "news",
                        NOW.minus(Duration.ofDays(3)),
                        StoredObject.Visibility.PUBLIC,
                        false));
        store.objects()
                .put(note(
                        "https://www.example.org/ap/objects/2",
                        "news",
                        NOW.minus(Duration.ofDays(400)),
                        StoredObject.Visibility.PUBLIC,
                        false));
        store.objects()
                .put(note(
                        "https://www.example.org/ap/objects/3",
                        "blog",
                        NOW.minus(Duration.ofDays(90)),
                        StoredObject.Visibility.PUBLIC,
                        false));
        store.objects()
                .put(note(
                        "https://www.example.org/ap/objects/4",
                        "blog",
                        NOW.minus(Duration.ofDays(100)),
                        StoredObject.Visibility.PUBLIC,
                        false));
        store.objects().markDeleted(java.net.URI.create("https://www.example.org/ap/objects/4"), NOW);
        Federation federation = TestFederations.builder(store)
                .addActor(ActorProfile.builder("blog").build())
                .addActor(ActorProfile.builder("alice")
                        .type(dev.herald.core.vocab.ActorType.PERSON)
                        .build())
                .build();

        HeraldResponse response = answer(federation, get("/ap/nodeinfo/2.1", ""));
        assertThat(response.header("Content-Type"))
                .contains("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"");
        JsonObject nodeInfo = json(response);
        assertThat(nodeInfo.getString("version")).isEqualTo("2.1");
        assertThat(nodeInfo.getJsonObject("software").getString("name")).isEqualTo("herald");
        assertThat(nodeInfo.getJsonObject("software").getString("version")).isEqualTo("1.2.3");
        assertThat(nodeInfo.getJsonArray("protocols").getString(0)).isEqualTo("activitypub");
        assertThat(nodeInfo.getBoolean("openRegistrations")).isFalse();
        JsonObject users = nodeInfo.getJsonObject("usage").getJsonObject("users");
        assertThat(users.getInt("total")).isEqualTo(3);
        assertThat(users.getInt("activeMonth")).isEqualTo(1);
        assertThat(users.getInt("activeHalfyear")).isEqualTo(2);
        assertThat(nodeInfo.getJsonObject("usage").getInt("localPosts")).isEqualTo(3);
        assertThat(nodeInfo.getJsonObject("metadata").getString("nodeName")).isEqualTo("example.org");

        JsonObject v20 = json(answer(federation, get("/ap/nodeinfo/2.0", "")));
        assertThat(v20.getString("version")).isEqualTo("2.0");
    }

    @Test
    void headGivesTheLengthWithoutTheBody() {
        HeraldResponse head = answer(
                TestFederations.standard(),
                dev.herald.core.http.HeraldRequest.of(
                        "HEAD", "/ap/nodeinfo/2.1", dev.herald.signatures.HttpFields.empty()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bodyLength()).isZero();
        assertThat(head.header("Content-Length")).isPresent();
    }

    @Test
    void theLibraryVersionIsTheDefault() {
        Federation federation = Federation.builder()
                .origin(TestFederations.ORIGIN)
                .addActor(TestFederations.news())
                .store(TestFederations.store())
                .build();
        String version = json(answer(federation, get("/ap/nodeinfo/2.1", "")))
                .getJsonObject("software")
                .getString("version");
        assertThat(version).isNotBlank().doesNotStartWith("$");
    }
}
