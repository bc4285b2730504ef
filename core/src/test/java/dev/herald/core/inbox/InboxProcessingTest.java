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

import dev.herald.core.ActorProfile;
import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.EngagementCounts;
import dev.herald.core.store.FailingPurges;
import dev.herald.core.store.Follower;
import dev.herald.core.store.Following;
import dev.herald.core.store.JobState;
import dev.herald.core.store.PageRequest;
import dev.herald.core.store.StoreException;
import dev.herald.core.store.StoredObject;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.signatures.KeyPairs;
import dev.herald.signatures.Pem;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each verified activity does once a worker processes it. */
class InboxProcessingTest {
    static final URI POST = URI.create(ORIGIN + "/ap/notes/1");
    static final URI NEWS = URI.create(ORIGIN + "/ap/actors/news");

    private final InboxKit kit = new InboxKit();

    InboxProcessingTest() {
        publish(kit);
    }

    static void publish(InboxKit kit) {
        Note note = Note.builder(POST, NoteType.NOTE, NEWS).content("<p>Hi</p>").build();
        kit.store
                .objects()
                .put(new StoredObject(
                        POST,
                        "news",
                        "Note",
                        DocumentWriter.create().write(note),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Optional.empty(),
                        Optional.empty(),
                        StoredObject.Visibility.PUBLIC,
                        false));
    }

    private void deliver(URI actor, java.security.KeyPair keys, String json) {
        InboxReply reply = kit.inbox.receive(signed(key(actor, keys), json));
        assertThat(reply.status()).as(reply.detail()).isEqualTo(202);
        kit.inbox.processDue();
    }

    private void deliver(String json) {
        deliver(BOB, BOB_KEYS, json);
    }

    private EngagementCounts counts() {
        return kit.store.engagement().counts(POST);
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String note(URI actor, String id, String extra) {
        return "{\"id\":\"" + actor + "/notes/" + id + "\",\"type\":\"Note\",\"attributedTo\":\"" + actor + "\","
                + extra + "}";
    }

    @Test
    void aFollowStoresTheFollowerAndSendsAnAcceptEmbeddingIt() {
        deliver(follow(BOB, "1"));
        Follower follower = kit.store.followers().find("news", BOB).orElseThrow();
        assertThat(follower.state()).isEqualTo(Follower.State.ACCEPTED);
        assertThat(follower.inbox()).isEqualTo(URI.create(BOB + "/inbox"));
        assertThat(follower.sharedInbox()).contains(URI.create("https://remote.example/inbox"));
        assertThat(follower.followActivity()).contains(URI.create(BOB + "/follows/1"));
        assertThat(kit.sent).hasSize(1);
        assertThat(kit.sent.get(0).inbox()).isEqualTo(URI.create(BOB + "/inbox"));
        JsonObject accept = parse(kit.sent.get(0).json());
        assertThat(accept.getString("type")).isEqualTo("Accept");
        assertThat(accept.getString("actor")).isEqualTo(NEWS.toString());
        assertThat(accept.getJsonObject("object").getString("id")).isEqualTo(BOB + "/follows/1");
        assertThat(accept.getJsonObject("object").getString("type")).isEqualTo("Follow");
        assertThat(kit.stored(JobState.DONE)).isEqualTo(1);
        assertThat(kit.heard).containsExactly("follow " + BOB + " ACCEPTED");
    }

    @Test
    void aRepeatedFollowIsAcceptedAgainWithoutASecondFollower() {
        deliver(follow(BOB, "1"));
        deliver(follow(BOB, "2"));
        assertThat(kit.store.followers().count("news", Follower.State.ACCEPTED)).isEqualTo(1);
        assertThat(kit.sent).hasSize(2);
    }

    @Test
    void aLockedActorKeepsFollowsPendingUntilApprovedOrRejected() throws Exception {
        InboxKit locked = new InboxKit(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), true, ORIGIN);
        locked.inbox.receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")));
        locked.inbox.receive(signed(key(ALICE, ALICE_KEYS), follow(ALICE, "1")));
        locked.inbox.processDue();
        assertThat(locked.store.followers().count("news", Follower.State.PENDING))
                .isEqualTo(2);
        assertThat(locked.sent).isEmpty();
        assertThat(locked.inbox.approveFollower("news", BOB)).isTrue();
        assertThat(locked.store.followers().find("news", BOB).orElseThrow().state())
                .isEqualTo(Follower.State.ACCEPTED);
        assertThat(parse(locked.sent.get(0).json()).getString("type")).isEqualTo("Accept");
        assertThat(locked.inbox.rejectFollower("news", ALICE)).isTrue();
        assertThat(locked.store.followers().find("news", ALICE)).isEmpty();
        assertThat(parse(locked.sent.get(1).json()).getString("type")).isEqualTo("Reject");
        assertThat(locked.inbox.approveFollower("news", ALICE)).isFalse();
    }

    @Test
    void anUndoOfTheFollowRemovesTheFollower() {
        deliver(follow(BOB, "1"));
        deliver(activity(BOB, "undo/1", "Undo", follow(BOB, "1")));
        assertThat(kit.store.followers().find("news", BOB)).isEmpty();
        assertThat(kit.heard).contains("unfollow " + BOB);
    }

    @Test
    void someoneElsesUndoRemovesNothing() {
        deliver(follow(BOB, "1"));
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "undo/1", "Undo", follow(BOB, "1")));
        assertThat(kit.store.followers().find("news", BOB)).isPresent();
    }

    @Test
    void likesAndBoostsOfTheSitesPostsAreCountedAndUndone() {
        deliver(activity(BOB, "likes/1", "Like", "\"" + POST + "\""));
        deliver(activity(BOB, "boosts/1", "Announce", "\"" + POST + "\""));
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "likes/1", "Like", "\"" + POST + "\""));
        assertThat(counts()).isEqualTo(new EngagementCounts(2, 1, 0, 0));
        assertThat(kit.store
                        .engagement()
                        .list(POST, Engagement.Kind.LIKE, PageRequest.first(10))
                        .items())
                .extracting(Engagement::actor)
                .containsExactlyInAnyOrder(BOB, ALICE);
        deliver(activity(BOB, "undo/like", "Undo", activity(BOB, "likes/1", "Like", "\"" + POST + "\"")));
        deliver(activity(BOB, "undo/boost", "Undo", "\"" + BOB + "/boosts/1\""));
        assertThat(counts()).isEqualTo(new EngagementCounts(1, 0, 0, 0));
    }

    @Test
    void reactionsToOtherObjectsAreIgnored() {
        deliver(activity(BOB, "likes/1", "Like", "\"" + ORIGIN + "/ap/notes/404\""));
        deliver(activity(BOB, "likes/2", "Like", "\"https://elsewhere.example/notes/1\""));
        assertThat(kit.store.engagement().find(URI.create(BOB + "/likes/1"))).isEmpty();
        assertThat(kit.store.engagement().find(URI.create(BOB + "/likes/2"))).isEmpty();
    }

    @Test
    void aReplyIsRecordedWithSanitizedContentAndRemovedByItsDelete() {
        String reply = note(
                BOB,
                "1",
                "\"inReplyTo\":\"" + POST + "\",\"content\":\"<p onclick=\\\"x()\\\">Great <script>evil()</script>"
                        + "<a href=\\\"javascript:x\\\">news</a> <a href=\\\"https://bob.example\\\">me</a></p>\"");
        deliver(activity(BOB, "creates/1", "Create", reply));
        Engagement recorded =
                kit.store.engagement().find(URI.create(BOB + "/notes/1")).orElseThrow();
        assertThat(recorded.kind()).isEqualTo(Engagement.Kind.REPLY);
        assertThat(recorded.content()).hasValueSatisfying(html -> assertThat(html)
                .contains("Great")
                .contains("href=\"https://bob.example\"")
                .contains("rel=\"nofollow noopener noreferrer\"")
                .doesNotContain("script")
                .doesNotContain("onclick")
                .doesNotContain("javascript"));
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "deletes/x", "Delete", "\"" + BOB + "/notes/1\""));
        assertThat(counts().replies()).isEqualTo(1);
        deliver(activity(BOB, "deletes/1", "Delete", "{\"id\":\"" + BOB + "/notes/1\",\"type\":\"Tombstone\"}"));
        assertThat(counts().replies()).isZero();
    }

    @Test
    void aCreateOfAnotherOriginsObjectIsNotTrusted() {
        String foreign = "{\"id\":\"https://other.example/notes/9\",\"type\":\"Note\",\"attributedTo\":\"" + BOB
                + "\",\"inReplyTo\":\"" + POST + "\",\"content\":\"forged\"}";
        deliver(activity(BOB, "creates/9", "Create", foreign));
        assertThat(counts().replies()).isZero();
        String impersonated = note(ALICE, "2", "\"inReplyTo\":\"" + POST + "\",\"content\":\"hi\"")
                .replace(ALICE + "/notes", BOB + "/notes");
        deliver(activity(BOB, "creates/10", "Create", impersonated));
        assertThat(counts().replies()).isZero();
    }

    @Test
    void aQuoteOfTheSitesPostIsHeard() {
        deliver(activity(
                BOB, "creates/q", "Create", note(BOB, "q", "\"quote\":\"" + POST + "\",\"content\":\"look\"")));
        assertThat(kit.heard).contains("quote " + POST + " by " + BOB);
        assertThat(counts()).isEqualTo(new EngagementCounts(0, 0, 0, 1));
        assertThat(kit.store.engagement().find(URI.create(BOB + "/notes/q"))).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(Engagement.Kind.QUOTE);
            assertThat(e.objectId()).isEqualTo(POST);
            assertThat(e.content()).contains("look");
        });

        // Delivered again: nothing new is recorded or heard.
        deliver(activity(
                BOB, "creates/q", "Create", note(BOB, "q", "\"quote\":\"" + POST + "\",\"content\":\"look\"")));
        assertThat(kit.heard.stream().filter(h -> h.startsWith("quote "))).hasSize(1);

        // Deleting the quoting post removes the quote.
        deliver(activity(BOB, "deletes/q", "Delete", "\"" + BOB + "/notes/q\""));
        assertThat(counts()).isEqualTo(new EngagementCounts(0, 0, 0, 0));
    }

    @Test
    void anActorsDeletionRemovesItsFollowAndEngagement() {
        deliver(follow(BOB, "1"));
        deliver(activity(BOB, "likes/1", "Like", "\"" + POST + "\""));
        deliver(activity(BOB, "deletes/me", "Delete", "\"" + BOB + "\""));
        assertThat(kit.store.followers().find("news", BOB)).isEmpty();
        assertThat(counts().likes()).isZero();
        assertThat(kit.store.remoteActors().find(BOB)).isEmpty();
        assertThat(kit.heard).contains("deleted " + BOB);
    }

    @Test
    void anAcceptOrRejectAnswersTheFollowTheSiteSent() {
        kit.store
                .following()
                .put(new Following("news", BOB, Optional.of(URI.create(NEWS + "#follows/1")), false, Instant.now()));
        kit.store
                .following()
                .put(new Following("news", ALICE, Optional.of(URI.create(NEWS + "#follows/2")), false, Instant.now()));
        String ourFollow = "{\"id\":\"" + NEWS + "#follows/1\",\"type\":\"Follow\",\"actor\":\"" + NEWS
                + "\",\"object\":\"" + BOB + "\"}";
        deliver(activity(BOB, "accepts/1", "Accept", ourFollow));
        assertThat(kit.store.following().find("news", BOB).orElseThrow().accepted())
                .isTrue();
        deliver(ALICE, ALICE_KEYS, activity(ALICE, "rejects/1", "Reject", "\"" + NEWS + "#follows/2\""));
        assertThat(kit.store.following().find("news", ALICE)).isEmpty();
    }

    @Test
    void aFetchTheNetworkPolicyRefusesIsDroppedNotRetried() {
        // The Move's target is no http(s) URL: the policy refuses it, now and at every retry.
        String move = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + BOB
                + "/moves/1\",\"type\":\"Move\",\"actor\":\"" + BOB + "\",\"object\":\"" + BOB
                + "\",\"target\":\"gopher://127.0.0.1:70/_x\"}";
        deliver(move);
        assertThat(kit.stored(JobState.RETRY)).isZero();
        assertThat(kit.stored(JobState.DONE)).isEqualTo(1);
    }

    @Test
    void aFailedAcceptIsRetriedLaterAndTheFollowerKept() {
        kit.senderFails = true;
        deliver(follow(BOB, "1"));
        assertThat(kit.stored(JobState.RETRY)).isEqualTo(1);
        assertThat(kit.store.followers().find("news", BOB)).isPresent();
    }

    @Test
    void aMoveReplacesTheFollowerWhenTheNewAccountConfirmsIt() {
        try (RemoteServer remote = RemoteServer.start()) {
            InboxKit local = new InboxKit(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), false, ORIGIN);
            URI old = remote.uri("/users/old");
            URI fresh = remote.uri("/users/new");
            java.security.KeyPair oldKeys = KeyPairs.rsa2048();
            local.cache(old, oldKeys, Instant.now());
            local.inbox.receive(signed(key(old, oldKeys), follow(old, "1")));
            local.inbox.processDue();
            Actor unconfirmed = Actor.builder(fresh, ActorType.PERSON, URI.create(fresh + "/inbox"))
                    .build();
            remote.on(
                    "/users/new",
                    RemoteServer.Answer.activity(DocumentWriter.create().write(unconfirmed)));
            String move = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + old
                    + "/moves/1\",\"type\":\"Move\",\"actor\":\"" + old + "\",\"object\":\"" + old + "\",\"target\":\""
                    + fresh + "\"}";
            local.inbox.receive(signed(key(old, oldKeys), move));
            local.inbox.processDue();
            assertThat(local.store.followers().find("news", old)).isPresent();

            Actor confirmed = Actor.builder(fresh, ActorType.PERSON, URI.create(fresh + "/inbox"))
                    .addAlsoKnownAs(old)
                    .build();
            remote.on(
                    "/users/new",
                    RemoteServer.Answer.activity(DocumentWriter.create().write(confirmed)));
            local.inbox.receive(signed(key(old, oldKeys), move.replace("/moves/1", "/moves/2")));
            local.inbox.processDue();
            assertThat(local.store.followers().find("news", old)).isEmpty();
            assertThat(local.store.followers().find("news", fresh)).isPresent();
            assertThat(local.heard).contains("moved " + old + " " + fresh);
        }
    }

    @Test
    void anActorUpdateRefreshesTheCacheAndTheFollowersInbox() {
        try (RemoteServer remote = RemoteServer.start()) {
            InboxKit local = new InboxKit(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), false, ORIGIN);
            URI carol = remote.uri("/users/carol");
            java.security.KeyPair carolKeys = KeyPairs.rsa2048();
            local.cache(carol, carolKeys, Instant.now());
            local.inbox.receive(signed(key(carol, carolKeys), follow(carol, "1")));
            local.inbox.processDue();
            Actor updated = Actor.builder(carol, ActorType.PERSON, URI.create(carol + "/new-inbox"))
                    .addPublicKey(new dev.herald.core.vocab.PublicKey(
                            URI.create(carol + "#main-key"), carol, Pem.write(carolKeys.getPublic())))
                    .name("Carol")
                    .build();
            remote.on(
                    "/users/carol",
                    RemoteServer.Answer.activity(DocumentWriter.create().write(updated)));
            local.inbox.receive(signed(
                    key(carol, carolKeys),
                    activity(
                            carol,
                            "updates/1",
                            "Update",
                            DocumentWriter.create().write(updated))));
            local.inbox.processDue();
            assertThat(local.store.followers().find("news", carol).orElseThrow().inbox())
                    .isEqualTo(URI.create(carol + "/new-inbox"));
            assertThat(local.store.remoteActors().find(carol).orElseThrow().json())
                    .contains("Carol");
        }
    }

    @Test
    void processingAnActivityAgainChangesNothing() {
        deliver(follow(BOB, "1"));
        deliver(activity(BOB, "likes/1", "Like", "\"" + POST + "\""));
        // Forget the ids (the dedupe window), so the same activities are stored and processed a second time.
        kit.store.inbox().purgeFinished(Instant.now().plusSeconds(60));
        deliver(follow(BOB, "1"));
        deliver(activity(BOB, "likes/1", "Like", "\"" + POST + "\""));
        assertThat(kit.store.followers().count("news", Follower.State.ACCEPTED)).isEqualTo(1);
        assertThat(counts().likes()).isEqualTo(1);
    }

    @Test
    void workersProcessWhatArrivesWithoutBeingAsked() throws Exception {
        InboxKit running = new InboxKit(
                InboxSettings.builder()
                        .workers(1)
                        .pollInterval(java.time.Duration.ofSeconds(30))
                        .build(),
                Clock.systemUTC(),
                false,
                ORIGIN);
        running.inbox.start();
        try {
            assertThat(running.inbox
                            .receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")))
                            .status())
                    .isEqualTo(202);
            Instant deadline = Instant.now().plusSeconds(10);
            while (running.store.followers().find("news", BOB).isEmpty()) {
                assertThat(Instant.now())
                        .as("processed within 10 s, long before the 30 s poll")
                        .isBefore(deadline);
                Thread.sleep(20);
            }
        } finally {
            running.inbox.close();
        }
    }

    @Test
    void blockingAServerRemovesItsFollowers() {
        deliver(follow(BOB, "1"));
        deliver(ALICE, ALICE_KEYS, follow(ALICE, "1"));
        kit.inbox.blocklist().blockDomain("remote.example");
        assertThat(kit.inbox.removeBlockedFollowers()).isEqualTo(1);
        assertThat(kit.store.followers().find("news", BOB)).isEmpty();
        assertThat(kit.store.followers().find("news", ALICE)).isPresent();
        assertThat(kit.heard).contains("unfollow " + BOB);
    }

    @Test
    void housekeepingForgetsProcessedActivitiesAfterTheDedupeWindow() {
        Instant[] now = {Instant.now()};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        InboxKit aging = new InboxKit(InboxSettings.builder().workers(0).build(), moving, false, ORIGIN);
        aging.inbox.receive(signed(key(BOB, BOB_KEYS), follow(BOB, "1")));
        aging.inbox.processDue();
        assertThat(aging.inbox.housekeeping()).isZero();
        now[0] = now[0].plus(java.time.Duration.ofDays(8));
        assertThat(aging.inbox.housekeeping()).isEqualTo(1);
        assertThat(aging.stored()).isZero();
        assertThat(aging.store.followers().find("news", BOB)).isPresent();
    }

    @Test
    void theWorkersHousekeepingOutlivesItsFailuresButAVirtualMachineError() {
        FailingPurges failing = new FailingPurges(kit.store);
        Inbox inbox = Inbox.builder()
                .store(failing.store)
                .urls(kit.urls)
                .actors(Map.of("news", ActorProfile.builder("news").build()))
                .signingKeys(u -> key(BOB, BOB_KEYS))
                .remoteActors(kit.actors)
                .settings(InboxSettings.builder().workers(0).build())
                .build();
        failing.failures.add(new StoreException("the database is down"));
        failing.failures.add(new NoClassDefFoundError("org/postgresql/Driver"));
        inbox.scheduledHousekeeping();
        inbox.scheduledHousekeeping();

        failing.failures.add(new OutOfMemoryError("Java heap space"));
        assertThatThrownBy(inbox::scheduledHousekeeping).isInstanceOf(OutOfMemoryError.class);

        inbox.scheduledHousekeeping();
        assertThat(failing.purges).hasValue(4);
    }
}
