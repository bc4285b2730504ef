package dev.herald.core.inbox;

import static dev.herald.core.inbox.InboxKit.ALICE;
import static dev.herald.core.inbox.InboxKit.ALICE_KEYS;
import static dev.herald.core.inbox.InboxKit.BOB;
import static dev.herald.core.inbox.InboxKit.BOB_KEYS;
import static dev.herald.core.inbox.InboxKit.ORIGIN;
import static dev.herald.core.inbox.InboxKit.activity;
import static dev.herald.core.inbox.InboxKit.follow;
import static dev.herald.core.inbox.InboxKit.key;
import static dev.herald.core.inbox.InboxKit.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.outbox.Author;
import dev.herald.core.outbox.Post;
import dev.herald.core.outbox.PostRenderer;
import dev.herald.core.outbox.PublishSettings;
import dev.herald.core.outbox.QuotePolicy;
import dev.herald.core.outbox.RenderedPost;
import dev.herald.core.outbox.Visibility;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.JobState;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.QuoteAuthorization;
import dev.herald.core.store.StoredObject;
import dev.herald.signatures.KeyPairs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Quote consent (FEP-044f): how a {@code QuoteRequest} for one of the site's posts is answered by the post's quote
 * policy, what is stored, sent and heard, and how approval, rejection, revocation and deletions change it.
 */
class QuotesTest {
    static final URI NEWS = URI.create(ORIGIN + "/ap/actors/news");
    static final Author AUTHOR =
            new Author("news", NEWS, URI.create(NEWS + "/followers"), URI.create(NEWS + "/featured"));
    static final PostRenderer RENDERER =
            PostRenderer.of(PublishSettings.builder(ORIGIN, "/ap").build());

    private final InboxKit kit = new InboxKit();

    /** Stores a post of the site as Outbox.publish would, with its quote policy written on it. */
    static URI publish(InboxKit kit, String slug, Post.Builder post) {
        Post built = post.slug(slug).build();
        URI id = RENDERER.newObjectId(built);
        RenderedPost rendered =
                RENDERER.render(built, AUTHOR, id, Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(), Map.of());
        kit.store
                .objects()
                .put(new StoredObject(
                        id,
                        "news",
                        rendered.note().typeName(),
                        rendered.json().toString(),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty(),
                        Optional.empty(),
                        built.visibility().stored(),
                        false));
        return id;
    }

    static String quotingNote(URI author, String id, URI quoted) {
        return "{\"id\":\"" + author + "/notes/" + id + "\",\"type\":\"Note\",\"attributedTo\":\"" + author
                + "\",\"content\":\"<p>So true <script>x()</script></p>\",\"quote\":\"" + quoted + "\"}";
    }

    /** A QuoteRequest as Mastodon sends it, the quoting post embedded as its instrument. */
    static String quoteRequest(URI actor, String id, URI quoted, String instrument) {
        return "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",{\"QuoteRequest\":"
                + "\"https://w3id.org/fep/044f#QuoteRequest\"}],\"id\":\"" + actor + "/quote-requests/" + id
                + "\",\"type\":\"QuoteRequest\",\"actor\":\"" + actor + "\",\"object\":\"" + quoted
                + "\",\"instrument\":" + instrument + "}";
    }

    private void deliver(URI actor, KeyPair keys, String json) {
        InboxReply reply = kit.inbox.receive(signed(key(actor, keys), json));
        assertThat(reply.status()).as(reply.detail()).isEqualTo(202);
        kit.inbox.processDue();
    }

    private void request(URI actor, KeyPair keys, String id, URI quoted) {
        deliver(actor, keys, quoteRequest(actor, id, quoted, quotingNote(actor, "q", quoted)));
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private JsonObject lastSent() {
        return parse(kit.sent.get(kit.sent.size() - 1).json());
    }

    private List<QuoteAuthorization> authorizations(QuoteAuthorization.State state) {
        return kit.store
                .quoteAuthorizations()
                .list("news", state, PageRequest.first(50))
                .items();
    }

    @Test
    void aPublicPostIsQuotedAtOnceWithAnAcceptNamingTheAuthorization() {
        URI post = publish(kit, "p", Post.builder().text("Our news"));
        request(BOB, BOB_KEYS, "1", post);

        QuoteAuthorization given =
                authorizations(QuoteAuthorization.State.ACCEPTED).get(0);
        assertThat(given.id().toString()).startsWith(NEWS + "/quote-authorizations/");
        assertThat(given.target()).isEqualTo(post);
        assertThat(given.quotingPost()).isEqualTo(URI.create(BOB + "/notes/q"));
        assertThat(given.quotingActor()).isEqualTo(BOB);
        assertThat(given.request()).isEqualTo(URI.create(BOB + "/quote-requests/1"));

        assertThat(kit.sent).hasSize(1);
        assertThat(kit.sent.get(0).inbox()).isEqualTo(URI.create(BOB + "/inbox"));
        JsonObject accept = lastSent();
        assertThat(accept.getString("type")).isEqualTo("Accept");
        assertThat(accept.getString("actor")).isEqualTo(NEWS.toString());
        assertThat(accept.getString("result")).isEqualTo(given.id().toString());
        assertThat(accept.getJsonArray("@context").getJsonObject(1).getString("QuoteRequest"))
                .isEqualTo("https://w3id.org/fep/044f#QuoteRequest");
        JsonObject object = accept.getJsonObject("object");
        assertThat(object.getString("type")).isEqualTo("QuoteRequest");
        assertThat(object.getString("id")).isEqualTo(BOB + "/quote-requests/1");
        assertThat(object.getString("actor")).isEqualTo(BOB.toString());
        assertThat(object.getString("object")).isEqualTo(post.toString());
        assertThat(object.getString("instrument")).isEqualTo(BOB + "/notes/q");

        Engagement quote =
                kit.store.engagement().find(URI.create(BOB + "/notes/q")).orElseThrow();
        assertThat(quote.kind()).isEqualTo(Engagement.Kind.QUOTE);
        assertThat(quote.objectId()).isEqualTo(post);
        assertThat(quote.content())
                .hasValueSatisfying(html -> assertThat(html).contains("So true").doesNotContain("script"));
        assertThat(kit.heard)
                .containsExactly("quote-request " + BOB + "/notes/q ACCEPTED", "quote " + post + " by " + BOB);
    }

    @Test
    void aRepeatedRequestGetsTheSameAuthorizationAndCountsOnce() {
        URI post = publish(kit, "p", Post.builder().text("Our news"));
        request(BOB, BOB_KEYS, "1", post);
        request(BOB, BOB_KEYS, "2", post);
        // Forget the ids (the dedupe window): the same request is processed a second time.
        kit.store.inbox().purgeFinished(Instant.now().plusSeconds(60));
        request(BOB, BOB_KEYS, "2", post);

        assertThat(authorizations(QuoteAuthorization.State.ACCEPTED)).hasSize(1);
        assertThat(kit.sent).hasSize(3);
        assertThat(kit.sent.stream().map(s -> parse(s.json()).getString("result")))
                .containsOnly(authorizations(QuoteAuthorization.State.ACCEPTED)
                        .get(0)
                        .id()
                        .toString());
        assertThat(lastSent().getJsonObject("object").getString("id")).isEqualTo(BOB + "/quote-requests/2");
        assertThat(kit.store.engagement().counts(post)).isEqualTo(new EngagementCounts(0, 0, 0, 1));
        assertThat(kit.heard.stream().filter(h -> h.startsWith("quote "))).hasSize(1);
    }

    @Test
    void postsThatMayNotBeQuotedAnswerRejectAndStoreNothing() {
        URI privatePost = publish(kit, "private", Post.builder().text("Members").visibility(Visibility.FOLLOWERS));
        URI nobody = publish(kit, "nobody", Post.builder().text("Mine").quotePolicy(QuotePolicy.NOBODY));
        URI followers = publish(kit, "followers", Post.builder().text("Ours").quotePolicy(QuotePolicy.FOLLOWERS));
        request(BOB, BOB_KEYS, "1", privatePost);
        request(BOB, BOB_KEYS, "2", nobody);
        request(BOB, BOB_KEYS, "3", followers);

        assertThat(kit.sent).hasSize(3);
        for (InboxKit.Sent sent : kit.sent) {
            JsonObject reject = parse(sent.json());
            assertThat(reject.getString("type")).isEqualTo("Reject");
            assertThat(reject.containsKey("result")).isFalse();
            assertThat(reject.getJsonObject("object").getString("type")).isEqualTo("QuoteRequest");
        }
        for (QuoteAuthorization.State state : QuoteAuthorization.State.values()) {
            assertThat(authorizations(state)).isEmpty();
        }
        assertThat(kit.store.engagement().find(URI.create(BOB + "/notes/q"))).isEmpty();
        assertThat(kit.heard).isEmpty();
    }

    @Test
    void aFollowersPolicyAcceptsFollowersOnly() {
        URI post = publish(kit, "followers", Post.builder().text("Ours").quotePolicy(QuotePolicy.FOLLOWERS));
        deliver(ALICE, ALICE_KEYS, follow(ALICE, "1"));
        kit.sent.clear();
        request(ALICE, ALICE_KEYS, "1", post);
        request(BOB, BOB_KEYS, "1", post);

        assertThat(parse(kit.sent.get(0).json()).getString("type")).isEqualTo("Accept");
        assertThat(parse(kit.sent.get(1).json()).getString("type")).isEqualTo("Reject");
        assertThat(authorizations(QuoteAuthorization.State.ACCEPTED))
                .extracting(QuoteAuthorization::quotingActor)
                .containsExactly(ALICE);
    }

    @Test
    void aManualPolicyKeepsRequestsPendingUntilTheSiteAnswers() throws Exception {
        try (RemoteServer remote = RemoteServer.start()) {
            URI post = publish(kit, "manual", Post.builder().text("Ask first").quotePolicy(QuotePolicy.MANUAL));
            URI carol = remote.uri("/users/carol");
            URI dave = remote.uri("/users/dave");
            KeyPair carolKeys = KeyPairs.rsa2048();
            KeyPair daveKeys = KeyPairs.rsa2048();
            kit.cache(carol, carolKeys, Instant.now());
            kit.cache(dave, daveKeys, Instant.now());
            remote.on("/users/carol/notes/q", RemoteServer.Answer.activity(quotingNote(carol, "q", post)))
                    .on("/users/dave/notes/q", RemoteServer.Answer.activity(quotingNote(dave, "q", post)));
            // Carol's request links its quoting post; Dave's embeds it.
            deliver(carol, carolKeys, quoteRequest(carol, "1", post, "\"" + carol + "/notes/q\""));
            request(dave, daveKeys, "1", post);

            assertThat(kit.sent).isEmpty();
            List<QuoteAuthorization> pending = authorizations(QuoteAuthorization.State.PENDING);
            assertThat(pending).extracting(QuoteAuthorization::quotingActor).containsExactlyInAnyOrder(carol, dave);
            assertThat(kit.heard).contains("quote-request " + carol + "/notes/q PENDING");
            assertThat(kit.store.engagement().counts(post).quotes()).isZero();

            URI carols = pending.stream()
                    .filter(a -> a.quotingActor().equals(carol))
                    .findFirst()
                    .orElseThrow()
                    .id();
            URI daves = pending.stream()
                    .filter(a -> a.quotingActor().equals(dave))
                    .findFirst()
                    .orElseThrow()
                    .id();
            int fetched = remote.hits("/users/carol/notes/q");
            assertThat(fetched)
                    .as("the linked quoting post was fetched and checked")
                    .isEqualTo(1);
            assertThat(kit.inbox.approveQuote(carols)).isTrue();
            assertThat(remote.hits("/users/carol/notes/q"))
                    .as("and fetched again to record it")
                    .isEqualTo(2);
            assertThat(kit.store
                            .quoteAuthorizations()
                            .find(carols)
                            .orElseThrow()
                            .state())
                    .isEqualTo(QuoteAuthorization.State.ACCEPTED);
            assertThat(lastSent().getString("type")).isEqualTo("Accept");
            assertThat(lastSent().getString("result")).isEqualTo(carols.toString());
            assertThat(kit.sent.get(0).inbox()).isEqualTo(URI.create(carol + "/inbox"));
            assertThat(kit.store.engagement().counts(post).quotes()).isEqualTo(1);

            assertThat(kit.inbox.rejectQuote(daves)).isTrue();
            assertThat(lastSent().getString("type")).isEqualTo("Reject");
            assertThat(kit.store.quoteAuthorizations().find(daves)).isEmpty();

            assertThat(kit.inbox.approveQuote(daves)).isFalse();
            assertThat(kit.inbox.rejectQuote(carols))
                    .as("accepted, not pending")
                    .isFalse();
        }
    }

    @Test
    void approvingWhenTheQuotingPostCannotBeFetchedFailsOrDropsTheRequest() throws Exception {
        try (RemoteServer remote = RemoteServer.start()) {
            URI post = publish(kit, "manual", Post.builder().text("Ask first").quotePolicy(QuotePolicy.MANUAL));
            URI carol = remote.uri("/users/carol");
            KeyPair carolKeys = KeyPairs.rsa2048();
            kit.cache(carol, carolKeys, Instant.now());
            request(carol, carolKeys, "1", post);
            URI id = authorizations(QuoteAuthorization.State.PENDING).get(0).id();

            remote.on("/users/carol/notes/q", RemoteServer.Answer.status(503));
            assertThatThrownBy(() -> kit.inbox.approveQuote(id))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining(carol + "/notes/q");
            assertThat(kit.store.quoteAuthorizations().find(id).orElseThrow().state())
                    .as("still pending")
                    .isEqualTo(QuoteAuthorization.State.PENDING);

            remote.on("/users/carol/notes/q", RemoteServer.Answer.status(410));
            assertThat(kit.inbox.approveQuote(id)).isFalse();
            assertThat(kit.store.quoteAuthorizations().find(id)).as("dropped").isEmpty();
            assertThat(kit.sent).isEmpty();
        }
    }

    @Test
    void revokingAnAuthorizationSendsItsDeleteAndUncountsTheQuote() throws Exception {
        URI post = publish(kit, "p", Post.builder().text("Our news"));
        request(BOB, BOB_KEYS, "1", post);
        URI id = authorizations(QuoteAuthorization.State.ACCEPTED).get(0).id();

        assertThat(kit.inbox.revokeQuote(id)).isTrue();
        JsonObject delete = lastSent();
        assertThat(delete.getString("type")).isEqualTo("Delete");
        assertThat(delete.getString("object")).isEqualTo(id.toString());
        assertThat(delete.getString("actor")).isEqualTo(NEWS.toString());
        assertThat(kit.sent.get(kit.sent.size() - 1).inbox()).isEqualTo(URI.create(BOB + "/inbox"));
        assertThat(kit.store.quoteAuthorizations().find(id).orElseThrow().state())
                .isEqualTo(QuoteAuthorization.State.REVOKED);
        assertThat(kit.store.engagement().counts(post).quotes()).isZero();
        assertThat(kit.heard).contains("removed QUOTE " + BOB + "/notes/q");
        assertThat(kit.inbox.revokeQuote(id)).isFalse();

        // Asked again, a revoked quote is refused.
        request(BOB, BOB_KEYS, "2", post);
        assertThat(lastSent().getString("type")).isEqualTo("Reject");
    }

    @Test
    void deletingTheQuotingPostRevokesItsAuthorizationAndDropsPendingRequests() {
        URI post = publish(kit, "p", Post.builder().text("Our news"));
        URI manual = publish(kit, "m", Post.builder().text("Ask").quotePolicy(QuotePolicy.MANUAL));
        request(BOB, BOB_KEYS, "1", post);
        deliver(ALICE, ALICE_KEYS, quoteRequest(ALICE, "1", manual, quotingNote(ALICE, "q", manual)));
        URI given = authorizations(QuoteAuthorization.State.ACCEPTED).get(0).id();

        // Someone else's Delete changes nothing.
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "deletes/x", "Delete", "\"" + BOB + "/notes/q\""));
        assertThat(kit.store.quoteAuthorizations().find(given).orElseThrow().state())
                .isEqualTo(QuoteAuthorization.State.ACCEPTED);

        deliver(BOB, BOB_KEYS, activity(BOB, "deletes/q", "Delete", "\"" + BOB + "/notes/q\""));
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "deletes/q", "Delete", "\"" + ALICE + "/notes/q\""));
        assertThat(kit.store.quoteAuthorizations().find(given).orElseThrow().state())
                .isEqualTo(QuoteAuthorization.State.REVOKED);
        assertThat(authorizations(QuoteAuthorization.State.PENDING)).isEmpty();
        assertThat(kit.store.engagement().counts(post).quotes()).isZero();
    }

    @Test
    void aDeletedActorsAuthorizationsAreRemoved() {
        URI post = publish(kit, "p", Post.builder().text("Our news"));
        request(BOB, BOB_KEYS, "1", post);
        deliver(BOB, BOB_KEYS, activity(BOB, "deletes/me", "Delete", "\"" + BOB + "\""));
        assertThat(authorizations(QuoteAuthorization.State.ACCEPTED)).isEmpty();
    }

    @Test
    void requestsThatDoNotHoldTogetherAreIgnored() {
        URI post = publish(kit, "p", Post.builder().text("Our news"));
        URI other = publish(kit, "other", Post.builder().text("Other news"));
        // Not a post of the site; a quoting post that quotes another post; one attributed to someone else.
        request(BOB, BOB_KEYS, "1", URI.create(ORIGIN + "/ap/objects/none"));
        request(BOB, BOB_KEYS, "2", URI.create("https://elsewhere.example/notes/1"));
        deliver(BOB, BOB_KEYS, quoteRequest(BOB, "3", post, quotingNote(BOB, "q", other)));
        deliver(
                BOB,
                BOB_KEYS,
                quoteRequest(
                        BOB, "4", post, quotingNote(ALICE, "q", post).replace(ALICE + "/notes/q", BOB + "/notes/q")));

        assertThat(kit.sent).isEmpty();
        for (QuoteAuthorization.State state : QuoteAuthorization.State.values()) {
            assertThat(authorizations(state)).isEmpty();
        }
        assertThat(kit.store.engagement().counts(post).quotes()).isZero();
        assertThat(kit.stored(JobState.DONE)).isEqualTo(4);
    }

    @Test
    void aPostPublishedBeforeQuotePoliciesIsQuotableAsItsVisibilitySays() {
        InboxProcessingTest.publish(kit); // a stored Note without interactionPolicy, public
        request(BOB, BOB_KEYS, "1", InboxProcessingTest.POST);
        assertThat(lastSent().getString("type")).isEqualTo("Accept");
    }

    @Test
    void aQuoteCreatedWithoutAskingCountsOnlyWhereThePolicyApprovesAtOnce() {
        URI open = publish(kit, "open", Post.builder().text("Anyone"));
        URI manual = publish(kit, "manual", Post.builder().text("Ask").quotePolicy(QuotePolicy.MANUAL));
        URI nobody = publish(kit, "nobody", Post.builder().text("Mine").quotePolicy(QuotePolicy.NOBODY));
        deliver(BOB, BOB_KEYS, activity(BOB, "creates/1", "Create", quotingNote(BOB, "1", open)));
        deliver(BOB, BOB_KEYS, activity(BOB, "creates/2", "Create", quotingNote(BOB, "2", manual)));
        deliver(BOB, BOB_KEYS, activity(BOB, "creates/3", "Create", quotingNote(BOB, "3", nobody)));
        assertThat(kit.store.engagement().counts(open).quotes()).isEqualTo(1);
        assertThat(kit.store.engagement().counts(manual).quotes()).isZero();
        assertThat(kit.store.engagement().counts(nobody).quotes()).isZero();

        // Once approved, the quote of the manual post counts; its Create, delivered again, does not count it twice.
        deliver(ALICE, ALICE_KEYS, quoteRequest(ALICE, "1", manual, quotingNote(ALICE, "q", manual)));
        URI pending = authorizations(QuoteAuthorization.State.PENDING).get(0).id();
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "creates/q", "Create", quotingNote(ALICE, "q", manual)));
        assertThat(kit.store.engagement().counts(manual).quotes()).as("pending").isZero();
        assertThat(kit.store.quoteAuthorizations().find(pending)).isPresent();
    }

    @Test
    void aFailedAnswerIsSentAgainWhenTheRequestIsRetried() {
        Instant[] now = {Instant.now()};
        Clock moving = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        InboxKit retrying = new InboxKit(InboxSettings.builder().workers(0).build(), moving, false, ORIGIN);
        URI post = publish(retrying, "p", Post.builder().text("Our news"));
        retrying.senderFails = true;
        retrying.inbox.receive(signed(key(BOB, BOB_KEYS), quoteRequest(BOB, "1", post, quotingNote(BOB, "q", post))));
        retrying.inbox.processDue();
        assertThat(retrying.stored(JobState.RETRY)).isEqualTo(1);

        retrying.senderFails = false;
        now[0] = now[0].plusSeconds(60);
        retrying.inbox.processDue();
        assertThat(retrying.sent).hasSize(1);
        assertThat(parse(retrying.sent.get(0).json()).getString("type")).isEqualTo("Accept");
        assertThat(retrying.store
                        .quoteAuthorizations()
                        .list("news", QuoteAuthorization.State.ACCEPTED, PageRequest.first(5))
                        .items())
                .hasSize(1);
        assertThat(retrying.store.engagement().counts(post).quotes()).isEqualTo(1);
    }
}
