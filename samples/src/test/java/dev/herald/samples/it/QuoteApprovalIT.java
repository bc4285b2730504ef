package dev.herald.samples.it;

import static dev.herald.samples.it.SampleProcess.eventually;
import static dev.herald.samples.it.SampleProcess.get;
import static dev.herald.samples.it.SampleProcess.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.fetch.RemoteServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quote consent (FEP-044f) through the sample's admin API: a remote actor on a loopback server ({@code bob}) sends
 * signed {@code QuoteRequest}s to the sample's inbox, as Mastodon 4.5 does, for posts published with each {@code
 * quotePolicy}; the requests show in {@code GET /admin/api/quotes}, and approving, rejecting and revoking them sends
 * bob the {@code Accept}, {@code Reject} and {@code Delete}.
 */
class QuoteApprovalIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AP = "application/activity+json";
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    @TempDir
    static Path data;

    static SampleProcess sample;
    static QuotingActor bob;
    static URI sampleInbox;

    @BeforeAll
    static void start() {
        bob = QuotingActor.start();
        sample = SampleProcess.start(data, "--allow-private-network", "--base-url", "http://127.0.0.1:0");
        sampleInbox = URI.create(json(get(sample.actor(), AP).body()).getString("inbox"));
    }

    @AfterAll
    static void stop() {
        if (sample != null) {
            assertThat(sample.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void aManualPolicyKeepsTheRequestPendingUntilApprovedAndRevokingWithdrawsIt() {
        URI post = publish("manual");
        JsonObject canQuote =
                json(get(post, AP).body()).getJsonObject("interactionPolicy").getJsonObject("canQuote");
        assertThat(canQuote.getJsonArray("manualApproval").getString(0)).isEqualTo(PUBLIC);
        assertThat(listed("/posts", p -> p.getString("id").equals(post.toString())))
                .hasValueSatisfying(p -> assertThat(p.getString("quotePolicy")).isEqualTo("manual"));

        URI quoting = bob.post("approve", post);
        assertThat(bob.request(sampleInbox, "approve", post, quoting).statusCode())
                .isEqualTo(202);
        JsonObject pending = awaitListed("/quotes?state=pending", quoting);
        assertThat(pending.getString("post")).isEqualTo(post.toString());
        assertThat(pending.getString("quotingActor")).isEqualTo(bob.id().toString());
        assertThat(pending.getString("state")).isEqualTo("pending");
        assertThat(Instant.parse(pending.getString("requested"))).isBefore(Instant.now());
        assertThat(pending.containsKey("decided")).isFalse();
        URI id = URI.create(pending.getString("id"));
        assertThat(get(id, AP).statusCode()).as("no stamp while pending").isEqualTo(404);
        assertThat(listed("/quotes", q -> q.getString("id").equals(id.toString())))
                .as("not accepted yet")
                .isEmpty();

        HttpResponse<String> approved = decide("approve", id);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved.body()).getString("state")).isEqualTo("accepted");
        JsonObject accept = bob.delivered(a -> a.getString("type").equals("Accept")
                && a.getString("result", "").equals(id.toString()));
        assertThat(accept.getJsonObject("object").getString("id"))
                .isEqualTo(bob.requestId("approve").toString());
        assertThat(json(get(id, AP).body()).getString("type")).isEqualTo("QuoteAuthorization");
        assertThat(listed("/quotes?state=pending", q -> q.getString("id").equals(id.toString())))
                .isEmpty();
        assertThat(listed("/quotes", q -> q.getString("id").equals(id.toString())))
                .hasValueSatisfying(q -> {
                    assertThat(q.getString("state")).isEqualTo("accepted");
                    assertThat(q.getString("decided")).isNotBlank();
                });
        assertThat(quotesOf(post)).isEqualTo(1);
        HttpResponse<String> again = decide("approve", id);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(json(again.body()).getString("error")).contains("(it is accepted)");

        HttpResponse<String> revoked = decide("revoke", id);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(json(revoked.body()).getString("state")).isEqualTo("revoked");
        bob.delivered(a -> a.getString("type").equals("Delete")
                && a.getString("object", "").equals(id.toString()));
        assertThat(get(id, AP).statusCode()).as("a revoked stamp is gone").isEqualTo(410);
        assertThat(listed("/quotes?state=revoked", q -> q.getString("id").equals(id.toString())))
                .isPresent();
        assertThat(quotesOf(post)).as("a revoked quote no longer counts").isZero();
        assertThat(decide("revoke", id).statusCode()).isEqualTo(404);
    }

    @Test
    void rejectingARequestSendsTheRejectAndKeepsNothing() {
        URI post = publish("manual");
        URI quoting = bob.post("reject", post);
        assertThat(bob.request(sampleInbox, "reject", post, quoting).statusCode())
                .isEqualTo(202);
        URI id = URI.create(awaitListed("/quotes?state=pending", quoting).getString("id"));

        HttpResponse<String> rejected = decide("reject", id);
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        assertThat(json(rejected.body()).getString("state")).isEqualTo("rejected");
        bob.delivered(a -> a.getString("type").equals("Reject")
                && a.getJsonObject("object")
                        .getString("id")
                        .equals(bob.requestId("reject").toString()));
        for (String state : new String[] {"pending", "accepted", "revoked"}) {
            assertThat(listed("/quotes?state=" + state, q -> q.getString("id").equals(id.toString())))
                    .as(state)
                    .isEmpty();
        }
        assertThat(decide("reject", id).statusCode()).isEqualTo(404);
        assertThat(decide("approve", id).statusCode()).isEqualTo(404);
        assertThat(decide("revoke", id).statusCode()).isEqualTo(404);
        assertThat(quotesOf(post)).isZero();
    }

    @Test
    void approvingAnswers502WhileTheQuotingPostCannotBeFetchedAnd404OnceItIsGone() {
        URI post = publish("manual");
        URI quoting = bob.post("flaky", post);
        assertThat(bob.request(sampleInbox, "flaky", post, quoting).statusCode())
                .isEqualTo(202);
        URI id = URI.create(awaitListed("/quotes?state=pending", quoting).getString("id"));

        bob.answer(quoting, RemoteServer.Answer.status(503));
        HttpResponse<String> unavailable = decide("approve", id);
        assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(502);
        assertThat(json(unavailable.body()).getString("error"))
                .contains(quoting.toString())
                .endsWith("the request is still pending: try again later");
        assertThat(listed("/quotes?state=pending", q -> q.getString("id").equals(id.toString())))
                .isPresent();

        bob.answer(quoting, RemoteServer.Answer.status(404));
        HttpResponse<String> gone = decide("approve", id);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(404);
        assertThat(json(gone.body()).getString("error")).contains("was dropped");
        assertThat(listed("/quotes?state=pending", q -> q.getString("id").equals(id.toString())))
                .isEmpty();
        assertThat(bob.received(a -> a.getString("type").equals("Accept")
                        && a.getJsonObject("object")
                                .getString("id")
                                .equals(bob.requestId("flaky").toString())))
                .isEmpty();
    }

    @Test
    void aPublicPostIsQuotedAtOnceAndANobodyPostRefusesEveryone() {
        URI open = publish("public");
        URI quoting = bob.post("public", open);
        assertThat(bob.request(sampleInbox, "public", open, quoting).statusCode())
                .isEqualTo(202);
        JsonObject accepted = awaitListed("/quotes?state=accepted", quoting);
        bob.delivered(a -> a.getString("type").equals("Accept")
                && a.getString("result", "").equals(accepted.getString("id")));
        assertThat(quotesOf(open)).isEqualTo(1);

        URI closed = publish("nobody");
        JsonObject canQuote =
                json(get(closed, AP).body()).getJsonObject("interactionPolicy").getJsonObject("canQuote");
        assertThat(canQuote.getJsonArray("automaticApproval").getString(0))
                .isEqualTo(sample.actor().toString());
        assertThat(canQuote.containsKey("manualApproval")).isFalse();
        URI refused = bob.post("nobody", closed);
        assertThat(bob.request(sampleInbox, "nobody", closed, refused).statusCode())
                .isEqualTo(202);
        bob.delivered(a -> a.getString("type").equals("Reject")
                && a.getJsonObject("object")
                        .getString("id")
                        .equals(bob.requestId("nobody").toString()));
        for (String state : new String[] {"pending", "accepted"}) {
            assertThat(listed("/quotes?state=" + state, q -> q.getString("quotingPost")
                            .equals(refused.toString())))
                    .as(state)
                    .isEmpty();
        }
    }

    /** Publishes a post with this quote policy through the admin API; its id. */
    private static URI publish(String policy) {
        HttpResponse<String> created = sample.api(
                "POST",
                "/posts",
                "{\"content\": \"<p>Quote me (" + policy + ")</p>\", \"quotePolicy\": \"" + policy + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return URI.create(json(created.body()).getString("id"));
    }

    private static HttpResponse<String> decide(String action, URI id) {
        return sample.api("POST", "/quotes/" + action, "{\"id\": \"" + id + "\"}");
    }

    /** The first item of the admin API's list at {@code path} that matches. */
    private static Optional<JsonObject> listed(String path, Predicate<JsonObject> match) {
        HttpResponse<String> list = sample.api("GET", path, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return json(list.body()).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(match)
                .findFirst();
    }

    /** The quote listed at {@code path} for this quoting post, once the sample's inbox has processed the request. */
    private static JsonObject awaitListed(String path, URI quoting) {
        Predicate<JsonObject> match = q -> q.getString("quotingPost").equals(quoting.toString());
        eventually(
                WAIT, quoting + " listed in " + path, () -> listed(path, match).isPresent());
        return listed(path, match).orElseThrow();
    }

    private static long quotesOf(URI post) {
        return json(sample.api("GET", "/stats", null).body())
                .getJsonArray("posts")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(p -> p.getString("id").equals(post.toString()))
                .findFirst()
                .orElseThrow()
                .getJsonNumber("quotes")
                .longValue();
    }
}
