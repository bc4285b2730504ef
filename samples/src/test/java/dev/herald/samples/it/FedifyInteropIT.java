package dev.herald.samples.it;

import static dev.herald.samples.it.SampleProcess.eventually;
import static dev.herald.samples.it.SampleProcess.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.interop.FedifyPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fedify 2.3.6 (the peer in {@code samples/interop}) against the real sample jar, the way a Fedify server meets a
 * site that runs it: finds the handle, follows, gets the signed Accept, receives a post with a content warning, a
 * hashtag and an image description, its Update and its Delete, and undoes the follow. Runs in order: one story.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FedifyInteropIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String POST = "{\"content\": \"<p>The new timetable starts on Monday</p>\","
            + " \"summary\": \"Travel changes\", \"hashtags\": [\"transit\"], \"language\": \"en\","
            + " \"url\": \"https://www.example.org/news/timetable\", \"attachments\": [{\"url\":"
            + " \"https://www.example.org/media/map.png\", \"mediaType\": \"image/png\","
            + " \"alt\": \"A map of the new bus lines\"}]}";

    @TempDir
    static Path data;

    static SampleProcess sample;
    static FedifyPeer.Server peer;
    static String peerActor;
    static String postId;

    @BeforeAll
    static void start() {
        sample = SampleProcess.start(data, "--allow-private-network", "--base-url", "http://127.0.0.1:0");
        peer = FedifyPeer.serve("fedi");
        peerActor = peer.ready().getString("actor");
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (sample != null) {
            sample.close();
        }
    }

    @Test
    @Order(1)
    void fedifyFindsTheHandle() {
        JsonObject found = FedifyPeer.run(
                WAIT, "lookup-webfinger", "acct:" + sample.handle().substring(1));
        assertThat(found.getString("actor")).isEqualTo(sample.actor().toString());
        JsonObject actor = FedifyPeer.run(WAIT, "lookup-object", sample.handle());
        assertThat(actor.getString("id")).isEqualTo(sample.actor().toString());
        assertThat(actor.getString("preferredUsername")).isEqualTo("news");
        assertThat(actor.getJsonObject("publicKey").getString("pem")).contains("BEGIN PUBLIC KEY");
    }

    @Test
    @Order(2)
    void fedifyFollowsAndReceivesTheSignedAccept() {
        peer.command(Json.createObjectBuilder()
                .add("cmd", "follow")
                .add("target", sample.handle())
                .add("ref", "follow")
                .build());
        JsonObject sent = peer.await(e -> "follow".equals(e.getString("ref", "")), WAIT);
        assertThat(sent.getBoolean("ok")).as(sent.toString()).isTrue();
        JsonObject accept = peer.await(e -> isInbox(e, "Accept"), WAIT);
        assertThat(accept.getString("actor")).isEqualTo(sample.actor().toString());
        eventually(WAIT, "the sample lists the Fedify actor as a follower", () -> sample.api("GET", "/followers", null)
                .body()
                .contains(peerActor));
    }

    @Test
    @Order(3)
    void fedifyReceivesAPostWithContentWarningHashtagAndImageDescription() {
        postId = json(sample.api("POST", "/posts", POST).body()).getString("id");
        JsonObject create = peer.await(e -> isInbox(e, "Create"), WAIT);
        JsonObject note = create.getJsonObject("raw").getJsonObject("object");
        assertThat(note.getString("id")).isEqualTo(postId);
        assertThat(note.getString("summary")).isEqualTo("Travel changes");
        assertThat(note.getBoolean("sensitive")).isTrue();
        assertThat(note.getString("content")).contains("The new timetable starts on Monday");
        assertThat(note.get("tag").toString()).contains("#transit").contains("Hashtag");
        assertThat(note.get("attachment").toString()).contains("A map of the new bus lines");
        JsonObject fetched = FedifyPeer.run(WAIT, "lookup-object", postId);
        assertThat(fetched.getString("id")).isEqualTo(postId);
    }

    @Test
    @Order(4)
    void likesBoostsAndRepliesShowInTheStats() {
        for (String cmd : new String[] {"like", "announce", "reply"}) {
            var command = Json.createObjectBuilder()
                    .add("cmd", cmd)
                    .add("object", postId)
                    .add("ref", cmd);
            if (cmd.equals("reply")) {
                command.add("content", "<p>Thanks for the map!</p>");
            }
            peer.command(command.build());
            JsonObject sent = peer.await(e -> cmd.equals(e.getString("ref", "")), WAIT);
            assertThat(sent.getBoolean("ok")).as(sent.toString()).isTrue();
        }
        eventually(WAIT, "one like, one boost and one reply in the stats", () -> {
            JsonObject post = json(sample.api("GET", "/stats", null).body())
                    .getJsonArray("posts")
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .filter(p -> p.getString("id").equals(postId))
                    .findFirst()
                    .orElseThrow();
            return post.getInt("likes") == 1 && post.getInt("boosts") == 1 && post.getInt("replies") == 1;
        });
        JsonObject stats = json(sample.api("GET", "/stats", null).body());
        assertThat(stats.getJsonNumber("followers").longValue()).isEqualTo(1);
        assertThat(stats.getJsonArray("followersOverTime")).hasSize(1);
    }

    @Test
    @Order(5)
    void fedifyReceivesTheUpdate() {
        String updated = POST.replace("starts on Monday", "starts on Tuesday");
        assertThat(sample.api("PUT", "/posts?id=" + encode(postId), updated).statusCode())
                .isEqualTo(200);
        JsonObject update = peer.await(e -> isInbox(e, "Update"), WAIT);
        JsonObject note = update.getJsonObject("raw").getJsonObject("object");
        assertThat(note.getString("id")).isEqualTo(postId);
        assertThat(note.getString("content")).contains("starts on Tuesday");
    }

    @Test
    @Order(6)
    void fedifyReceivesTheDeleteAndThePostIsGone() {
        assertThat(sample.api("DELETE", "/posts?id=" + encode(postId), null).statusCode())
                .isEqualTo(200);
        JsonObject delete = peer.await(e -> isInbox(e, "Delete"), WAIT);
        JsonValue object = delete.getJsonObject("raw").get("object");
        assertThat(object.toString()).contains(postId);
        assertThat(SampleProcess.get(URI.create(postId), "application/activity+json")
                        .statusCode())
                .isEqualTo(410);
    }

    @Test
    @Order(7)
    void fedifyUndoesTheFollow() {
        peer.command(Json.createObjectBuilder()
                .add("cmd", "undo-follow")
                .add("target", sample.handle())
                .add("ref", "undo")
                .build());
        JsonObject sent = peer.await(e -> "undo".equals(e.getString("ref", "")), WAIT);
        assertThat(sent.getBoolean("ok")).as(sent.toString()).isTrue();
        eventually(
                WAIT,
                "the follower is gone",
                () -> json(sample.api("GET", "/followers", null).body())
                                .getJsonNumber("totalItems")
                                .longValue()
                        == 0);
    }

    private static boolean isInbox(JsonObject event, String type) {
        return "inbox".equals(event.getString("event", "")) && type.equals(event.getString("type", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
