package dev.herald.samples.it;

import static dev.herald.samples.it.SampleProcess.get;
import static dev.herald.samples.it.SampleProcess.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API of the built jar, over HTTP, as the contract describes it. */
class AdminApiIT {
    private static final String AP = "application/activity+json";
    private static final String POST = "{\"content\": \"<p>Our new release is out</p>\", \"summary\": \"Long read\","
            + " \"sensitive\": false, \"url\": \"https://www.example.org/news/release\", \"hashtags\": [\"java\"],"
            + " \"language\": \"en\", \"visibility\": \"public\", \"attachments\": [{\"url\":"
            + " \"https://www.example.org/a.png\", \"mediaType\": \"image/png\", \"alt\": \"The release logo\"}]}";

    @TempDir
    static Path data;

    static SampleProcess sample;

    @BeforeAll
    static void start() {
        sample = SampleProcess.start(data);
    }

    @AfterAll
    static void stop() {
        if (sample != null) {
            assertThat(sample.stop()).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(sample.output()).contains("herald: stopped");
        }
    }

    @Test
    void readyLineNamesTheHandleActorAndAdminPage() {
        assertThat(sample.handle())
                .isEqualTo("@news@localhost:" + sample.origin().getPort());
        assertThat(sample.actor().toString()).startsWith(sample.origin() + "/");
        assertThat(sample.output().stream().filter(l -> l.startsWith("herald: ready")))
                .hasSize(1);
    }

    @Test
    void publishesUpdatesAndDeletesAPost() {
        HttpResponse<String> created = sample.api("POST", "/posts", POST);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject ids = json(created.body());
        URI id = URI.create(ids.getString("id"));
        assertThat(ids.getString("activity")).startsWith(sample.origin().toString());

        HttpResponse<String> note = get(id, AP);
        assertThat(note.statusCode()).isEqualTo(200);
        JsonObject document = json(note.body());
        assertThat(document.getString("type")).isEqualTo("Note");
        assertThat(document.getString("summary")).isEqualTo("Long read");
        assertThat(document.getBoolean("sensitive")).isTrue();
        assertThat(document.getString("content"))
                .contains("Our new release is out")
                .contains("#<span>java</span>");
        assertThat(document.getJsonObject("contentMap").getString("en")).contains("Our new release");
        assertThat(document.getJsonArray("attachment").getJsonObject(0).getString("name"))
                .isEqualTo("The release logo");
        assertThat(document.getJsonArray("tag").getJsonObject(0).getString("name"))
                .isEqualTo("#java");
        assertThat(document.getString("url")).isEqualTo("https://www.example.org/news/release");

        HttpResponse<String> updated = sample.api("PUT", "/posts?id=" + encode(id), POST.replace("is out", "is OUT"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json(updated.body()).getString("id")).isEqualTo(id.toString());
        JsonObject edited = json(get(id, AP).body());
        assertThat(edited.getString("content")).contains("is OUT");
        assertThat(edited.containsKey("updated")).isTrue();

        assertThat(get(URI.create(sample.origin() + "/"), "text/html").body()).contains("is OUT");

        HttpResponse<String> deleted = sample.api("DELETE", "/posts?id=" + encode(id), null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        HttpResponse<String> gone = get(id, AP);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json(gone.body()).getString("type")).isEqualTo("Tombstone");
        assertThat(sample.api("DELETE", "/posts?id=" + encode(id), null).statusCode())
                .isEqualTo(404);
        assertThat(sample.api("PUT", "/posts?id=" + encode(id), POST).statusCode())
                .isEqualTo(404);
    }

    @Test
    void listsFollowersDeliveriesAndStats() {
        JsonObject followers = json(sample.api("GET", "/followers", null).body());
        assertThat(followers.getJsonNumber("totalItems").longValue()).isZero();
        assertThat(followers.getJsonArray("items")).isEmpty();
        HttpResponse<String> pending = sample.api("GET", "/followers?state=pending", null);
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(sample.api("GET", "/followers?state=odd", null).statusCode()).isEqualTo(400);

        JsonObject deliveries = json(sample.api("GET", "/deliveries", null).body());
        assertThat(deliveries.keySet()).contains("pending", "delivered", "failed", "failingHosts");

        URI id = URI.create(json(sample.api("POST", "/posts", POST).body()).getString("id"));
        JsonObject stats = json(sample.api("GET", "/stats", null).body());
        assertThat(stats.getJsonNumber("followers").longValue()).isZero();
        JsonObject post = stats.getJsonArray("posts").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("id").equals(id.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(post.keySet()).contains("likes", "boosts", "replies", "quotes");
        assertThat(post.getString("quotePolicy")).as("a public post's default").isEqualTo("public");
        assertThat(stats.getJsonObject("totals").keySet()).contains("quotes");
    }

    @Test
    void writesTheQuotePolicyOnThePostAndChangesItOnUpdate() {
        HttpResponse<String> created =
                sample.api("POST", "/posts", "{\"content\": \"<p>Ask first</p>\", \"quotePolicy\": \"manual\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        URI id = URI.create(json(created.body()).getString("id"));
        JsonObject canQuote =
                json(get(id, AP).body()).getJsonObject("interactionPolicy").getJsonObject("canQuote");
        assertThat(canQuote.getJsonArray("automaticApproval").getString(0))
                .isEqualTo(sample.actor().toString());
        assertThat(canQuote.getJsonArray("manualApproval").getString(0))
                .isEqualTo("https://www.w3.org/ns/activitystreams#Public");

        HttpResponse<String> updated = sample.api(
                "PUT",
                "/posts?id=" + encode(id),
                "{\"content\": \"<p>Followers only quote</p>\", \"quotePolicy\": \"followers\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        canQuote = json(get(id, AP).body()).getJsonObject("interactionPolicy").getJsonObject("canQuote");
        assertThat(canQuote.getJsonArray("automaticApproval").getString(0)).isEqualTo(sample.actor() + "/followers");
        assertThat(canQuote.containsKey("manualApproval")).isFalse();

        sample.api("PUT", "/posts?id=" + encode(id), "{\"content\": \"<p>Back to the default</p>\"}");
        JsonObject post =
                json(sample.api("GET", "/posts", null).body())
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(p -> p.getString("id").equals(id.toString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(post.getString("quotePolicy"))
                .as("the body is the whole post")
                .isEqualTo("public");
    }

    @Test
    void refusesAnUnknownQuotePolicyWith400() {
        HttpResponse<String> unknown =
                sample.api("POST", "/posts", "{\"content\": \"<p>x</p>\", \"quotePolicy\": \"friends\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown.body()).getString("error"))
                .isEqualTo("quotePolicy must be one of [public, followers, manual, nobody] (who may quote the post),"
                        + " got 'friends'");
        HttpResponse<String> followersOnly = sample.api(
                "POST",
                "/posts",
                "{\"content\": \"<p>x</p>\", \"visibility\": \"followers\", \"quotePolicy\": \"public\"}");
        assertThat(followersOnly.statusCode()).isEqualTo(400);
        assertThat(json(followersOnly.body()).getString("error"))
                .startsWith("a followers-only post cannot be quoted by others");
    }

    @Test
    void quoteCallsAnswer400ForBadInput404ForNothingToDecideAnd405ForOtherMethods() {
        HttpResponse<String> none = sample.api("GET", "/quotes?state=pending", null);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(json(none.body()).getJsonNumber("totalItems").longValue()).isZero();
        assertThat(json(none.body()).getJsonArray("items")).isEmpty();
        assertThat(sample.api("GET", "/quotes", null).statusCode()).isEqualTo(200);
        HttpResponse<String> rejected = sample.api("GET", "/quotes?state=rejected", null);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(json(rejected.body()).getString("error")).contains("pending, accepted or revoked");
        assertThat(sample.api("GET", "/quotes?limit=0", null).statusCode()).isEqualTo(400);

        String unknown = sample.actor() + "/quote-authorizations/00000000-0000-0000-0000-000000000000";
        for (String action : new String[] {"approve", "reject", "revoke"}) {
            HttpResponse<String> noId = sample.api("POST", "/quotes/" + action, "{}");
            assertThat(noId.statusCode()).as(action).isEqualTo(400);
            assertThat(json(noId.body()).getString("error")).isEqualTo("id is required (a string)");
            HttpResponse<String> notUrl = sample.api("POST", "/quotes/" + action, "{\"id\": \"quote-1\"}");
            assertThat(notUrl.statusCode()).as(action).isEqualTo(400);
            assertThat(json(notUrl.body()).getString("error")).contains("absolute URL");
            HttpResponse<String> nothing = sample.api("POST", "/quotes/" + action, "{\"id\": \"" + unknown + "\"}");
            assertThat(nothing.statusCode()).as(action).isEqualTo(404);
            assertThat(json(nothing.body()).getString("error")).contains(unknown);
            assertThat(sample.api("GET", "/quotes/" + action, null).statusCode())
                    .as(action)
                    .isEqualTo(405);
        }
        assertThat(sample.api("POST", "/quotes", "{}").statusCode()).isEqualTo(405);
        assertThat(sample.api("DELETE", "/quotes", null).statusCode()).isEqualTo(405);
    }

    @Test
    void refusesCallsWithoutTheToken() {
        HttpResponse<String> none = sample.api("GET", "/stats", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(sample.api("POST", "/posts", POST, "wrong-token-123").statusCode())
                .isEqualTo(401);
        assertThat(sample.api("GET", "/followers", null, "").statusCode()).isEqualTo(401);
    }

    @Test
    void answersBadInputWith400AndAReason() {
        HttpResponse<String> noContent = sample.api("POST", "/posts", "{\"summary\": \"cw\"}");
        assertThat(noContent.statusCode()).isEqualTo(400);
        assertThat(json(noContent.body()).getString("error")).contains("content is required");

        HttpResponse<String> noAlt = sample.api(
                "POST",
                "/posts",
                "{\"content\": \"<p>x</p>\", \"attachments\": [{\"url\":"
                        + " \"https://www.example.org/a.png\", \"mediaType\": \"image/png\"}]}");
        assertThat(noAlt.statusCode()).isEqualTo(400);
        assertThat(json(noAlt.body()).getString("error")).contains("alt");

        HttpResponse<String> notJson = sample.api("POST", "/posts", "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson.body()).getString("error")).contains("JSON");

        assertThat(sample.api("POST", "/posts", "{\"content\": \"<p>x</p>\", \"visibility\": \"secret\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(sample.api("PUT", "/posts", POST).statusCode()).isEqualTo(400);
        assertThat(sample.api("GET", "/nothing", null).statusCode()).isEqualTo(404);
        assertThat(sample.api("PATCH", "/posts", POST).statusCode()).isEqualTo(405);
    }

    @Test
    void homePageIsTheProfileWithVerificationLinks() {
        HttpResponse<String> home = get(URI.create(sample.origin() + "/"), "text/html");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("<link rel=\"me\" href=\"" + sample.actor() + "\">")
                .contains("<meta name=\"fediverse:creator\" content=\"" + sample.handle() + "\">");
        JsonObject actor = json(get(sample.actor(), AP).body());
        assertThat(actor.getString("url")).isEqualTo(sample.origin() + "/");
        assertThat(actor.getString("preferredUsername")).isEqualTo("news");
        assertThat(get(URI.create(sample.origin() + "/admin"), "text/html").body())
                .contains("Herald admin");
    }

    @Test
    void webFingerFindsTheHandle() {
        String acct = sample.handle().substring(1);
        HttpResponse<String> jrd =
                get(URI.create(sample.origin() + "/.well-known/webfinger?resource=acct:" + encode(acct)), null);
        assertThat(jrd.statusCode()).isEqualTo(200);
        assertThat(jrd.body()).contains(sample.actor().toString());
    }

    static String encode(Object value) {
        return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }
}
