package dev.herald.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedBridgeTest {
    @TempDir
    Path dir;

    InMemoryStore store;
    Fediverse fediverse;

    @BeforeEach
    void federation() {
        store = new InMemoryStore();
        Federation federation = Federation.builder()
                .origin(URI.create("https://www.example.org"))
                .store(store)
                .addActor(ActorProfile.builder("news").build())
                .build();
        fediverse = new Fediverse(
                federation, store, "news", Clock.systemUTC(), new RemoteLookup(NetworkPolicy.publicOnly()));
    }

    @Test
    void fetchesHttpFeedsUnderTheNetworkPolicy() throws Exception {
        String rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>https://e.org/</link>"
                + "<description>d</description><item><title>Over HTTP</title><guid>urn:http:1</guid>"
                + "<link>https://www.example.org/news/http</link><description>Fetched.</description></item>"
                + "</channel></rss>";
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.xml", exchange -> {
            byte[] body = rss.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml");
            FeedBridge strict = new FeedBridge(url, NetworkPolicy.publicOnly(), fediverse);
            assertThatThrownBy(strict::poll).isInstanceOf(NetworkPolicy.Refused.class);
            assertThat(store.objects().countByActor("news")).isZero();

            FeedBridge local = new FeedBridge(url, NetworkPolicy.allowPrivateNetwork(), fediverse);
            assertThat(local.poll()).isEqualTo(1);
            assertThat(store.objects().countByActor("news")).isEqualTo(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void readsAtomWithMediaGroupsAndLeavesOutImagesWithoutDescription() throws Exception {
        Path feed = dir.resolve("atom.xml");
        Files.writeString(
                feed,
                """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="de">
                  <title>Beispiel</title><id>urn:feed</id><updated>2026-11-01T00:00:00Z</updated>
                  <entry>
                    <title>Neues Logo</title><id>urn:entry:logo</id>
                    <link href="https://www.example.org/news/logo"/>
                    <updated>2026-11-01T09:00:00Z</updated>
                    <summary>Unser neues Logo ist da.</summary>
                    <media:group>
                      <media:content url="https://www.example.org/logo.png" type="image/png">
                        <media:title>Ein blauer Stern</media:title>
                      </media:content>
                    </media:group>
                  </entry>
                  <entry>
                    <title>Ohne Beschreibung</title><id>urn:entry:bare</id>
                    <link href="https://www.example.org/news/bare"/>
                    <updated>2026-11-02T09:00:00Z</updated>
                    <link rel="enclosure" type="image/jpeg" href="https://www.example.org/bare.jpg"/>
                  </entry>
                </feed>
                """);
        FeedBridge bridge = new FeedBridge(feed.toUri(), NetworkPolicy.publicOnly(), fediverse);
        assertThat(bridge.poll()).isEqualTo(2);
        assertThat(bridge.poll()).as("nothing new the second time").isZero();

        List<StoredObject> posts =
                store.objects().listByActor("news", PageRequest.first(10)).items();
        assertThat(posts).hasSize(2);
        JsonObject logo = Fediverse.parse(posts.stream()
                .filter(p -> p.json().contains("Neues Logo"))
                .findFirst()
                .orElseThrow()
                .json());
        assertThat(logo.getString("content")).contains("Unser neues Logo ist da.");
        assertThat(logo.getString("url")).isEqualTo("https://www.example.org/news/logo");
        assertThat(logo.getJsonArray("attachment").getJsonObject(0).getString("name"))
                .isEqualTo("Ein blauer Stern");
        JsonObject bare = Fediverse.parse(posts.stream()
                .filter(p -> p.json().contains("Ohne Beschreibung"))
                .findFirst()
                .orElseThrow()
                .json());
        assertThat(bare.getOrDefault("attachment", jakarta.json.JsonValue.EMPTY_JSON_ARRAY)
                        .asJsonArray())
                .as("no image without a description")
                .isEmpty();
        assertThat(posts).allSatisfy(p -> assertThat(p.published().toString()).startsWith("2026-11-0"));
    }
}
