package dev.herald.samples.it;

import static dev.herald.samples.it.SampleProcess.eventually;
import static dev.herald.samples.it.SampleProcess.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --feed: entries already in the feed are imported back-dated, new ones published, none twice across restarts. */
class FeedBridgeIT {
    @TempDir
    Path dir;

    @Test
    void importsOldEntriesPublishesNewOnesAndNeverRepostsAfterARestart() throws Exception {
        Path feed = dir.resolve("feed.xml");
        Path data = dir.resolve("data");
        // Post ids come from the origin: a restart keeps the port, as a real site keeps its address.
        String port = String.valueOf(SampleProcess.freePort());
        write(
                feed,
                item("one", "Mon, 02 Nov 2026 10:00:00 GMT", true),
                item("two", "Tue, 03 Nov 2026 10:00:00 GMT", false));
        try (SampleProcess sample = start(data, feed, port)) {
            eventually(
                    Duration.ofSeconds(20),
                    "two imported posts",
                    () -> posts(sample).size() == 2);
            List<JsonObject> posts = posts(sample);
            JsonObject one = byText(posts, "Entry one");
            assertThat(one.getString("published")).startsWith("2026-11-02T10:00");
            assertThat(one.getString("url")).isEqualTo("https://www.example.org/news/one");
            assertThat(one.getJsonArray("attachments").getJsonObject(0).getString("name"))
                    .isEqualTo("A drawing of entry one");
            assertThat(byText(posts, "Entry two").containsKey("attachments")).isTrue();

            write(
                    feed,
                    item("one", "Mon, 02 Nov 2026 10:00:00 GMT", true),
                    item("two", "Tue, 03 Nov 2026 10:00:00 GMT", false),
                    item("three", "Wed, 04 Nov 2026 10:00:00 GMT", false));
            eventually(
                    Duration.ofSeconds(20), "the new entry", () -> posts(sample).size() == 3);
            Instant published =
                    Instant.parse(byText(posts(sample), "Entry three").getString("published"));
            assertThat(published).isAfter(Instant.now().minus(Duration.ofMinutes(5)));
        }
        write(
                feed,
                item("one", "Mon, 02 Nov 2026 10:00:00 GMT", true),
                item("two", "Tue, 03 Nov 2026 10:00:00 GMT", false),
                item("three", "Wed, 04 Nov 2026 10:00:00 GMT", false),
                item("four", "Thu, 05 Nov 2026 10:00:00 GMT", false));
        try (SampleProcess again = start(data, feed, port)) {
            eventually(
                    Duration.ofSeconds(20),
                    "the fourth entry",
                    () -> posts(again).size() >= 4);
            assertThat(posts(again)).hasSize(4);
        }
    }

    private static SampleProcess start(Path data, Path feed, String port) {
        return SampleProcess.start(data, "--port", port, "--feed", feed.toUri().toString(), "--feed-interval", "1");
    }

    private static List<JsonObject> posts(SampleProcess sample) {
        return json(sample.api("GET", "/posts", null).body())
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    private static JsonObject byText(List<JsonObject> posts, String text) {
        return posts.stream()
                .filter(p -> p.getString("content").contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no post with '" + text + "' in " + posts));
    }

    private static String item(String name, String date, boolean mediaContent) {
        String media = mediaContent
                ? "<media:content url=\"https://www.example.org/img/" + name
                        + ".png\" type=\"image/png\" medium=\"image\">" + "<media:description>A drawing of entry "
                        + name + "</media:description></media:content>"
                : "<enclosure url=\"https://www.example.org/img/" + name + ".jpg\" type=\"image/jpeg\" length=\"1\"/>"
                        + "<media:description>Photo for entry " + name + "</media:description>";
        return "<item><title>Entry " + name + "</title><link>https://www.example.org/news/" + name + "</link>"
                + "<guid isPermaLink=\"false\">urn:entry:" + name + "</guid><pubDate>" + date + "</pubDate>"
                + "<description>&lt;p&gt;Summary of " + name + "&lt;/p&gt;</description>" + media + "</item>";
    }

    private static void write(Path feed, String... items) throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\""
                + " xmlns:media=\"http://search.yahoo.com/mrss/\"><channel><title>Example</title>"
                + "<link>https://www.example.org/</link><description>News</description><language>en</language>"
                + String.join("", items) + "</channel></rss>";
        Path tmp = feed.resolveSibling("feed.tmp");
        Files.writeString(tmp, xml, StandardCharsets.UTF_8);
        Files.move(
                tmp,
                feed,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
