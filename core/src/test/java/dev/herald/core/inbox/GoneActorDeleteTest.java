package dev.herald.core.inbox;

import static dev.herald.core.inbox.InboxKit.ORIGIN;
import static dev.herald.core.inbox.InboxKit.activity;
import static dev.herald.core.inbox.InboxKit.key;
import static dev.herald.core.inbox.InboxKit.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.fetch.RemoteServer;
import dev.herald.core.inbox.InboxReply.Outcome;
import dev.herald.core.store.Engagement;
import dev.herald.core.store.Follower;
import dev.herald.signatures.KeyPairs;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A deleted account's {@code Delete} arrives from every server that knew it, signed with a key that can no longer be
 * fetched (its actor answers 410). Herald takes it for the deletion it is, removes the follower and its engagement,
 * and does not fetch again however often the Delete comes.
 */
class GoneActorDeleteTest {

    @Test
    void aDeleteWhoseKeyIsGoneRemovesTheFollowerOnceWithoutAFetchStorm() {
        try (RemoteServer remote = RemoteServer.start()) {
            InboxKit kit = new InboxKit(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), false, ORIGIN);
            InboxProcessingTest.publish(kit);
            URI gone = remote.uri("/users/gone");
            remote.on("/users/gone", RemoteServer.Answer.status(410));
            kit.store
                    .followers()
                    .put(new Follower(
                            "news",
                            gone,
                            URI.create(gone + "/inbox"),
                            Optional.empty(),
                            Optional.empty(),
                            Follower.State.ACCEPTED,
                            Instant.now()));
            kit.store
                    .engagement()
                    .record(new Engagement(
                            Engagement.Kind.LIKE,
                            InboxProcessingTest.POST,
                            gone,
                            URI.create(gone + "/likes/1"),
                            Instant.now(),
                            Optional.empty(),
                            Optional.empty()));
            KeyPair lostKeys = KeyPairs.rsa2048();

            for (int i = 0; i < 30; i++) {
                String delete = activity(gone, "deletes/" + i, "Delete", "\"" + gone + "\"");
                InboxReply reply = kit.inbox.receive(signed(key(gone, lostKeys), delete));
                assertThat(reply.status()).as(reply.detail()).isEqualTo(202);
                assertThat(reply.outcome()).isEqualTo(Outcome.DELETION_ACKNOWLEDGED);
            }

            assertThat(kit.store.followers().find("news", gone)).isEmpty();
            assertThat(kit.store.engagement().counts(InboxProcessingTest.POST).likes())
                    .isZero();
            assertThat(remote.hits("/users/gone")).isEqualTo(1);
            assertThat(kit.stored()).isZero();
            assertThat(kit.heard).contains("deleted " + gone);
        }
    }

    @Test
    void anotherActivityWithAGoneKeyIsStill401() {
        try (RemoteServer remote = RemoteServer.start()) {
            InboxKit kit = new InboxKit(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), false, ORIGIN);
            URI gone = remote.uri("/users/gone");
            remote.on("/users/gone", RemoteServer.Answer.status(410));
            String like = activity(gone, "likes/1", "Like", "\"" + InboxProcessingTest.POST + "\"");
            InboxReply reply = kit.inbox.receive(signed(key(gone, KeyPairs.rsa2048()), like));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(kit.stored()).isZero();
        }
    }

    @Test
    void aDeleteOfSomeoneElseWithAGoneKeyDeletesNothing() {
        try (RemoteServer remote = RemoteServer.start()) {
            InboxKit kit = new InboxKit(InboxSettings.builder().workers(0).build(), Clock.systemUTC(), false, ORIGIN);
            URI gone = remote.uri("/users/gone");
            URI victim = remote.uri("/users/victim");
            remote.on("/users/gone", RemoteServer.Answer.status(410));
            remote.on(
                    "/users/victim",
                    RemoteServer.Answer.activity(dev.herald.core.jsonld.DocumentWriter.create()
                            .write(dev.herald.core.vocab.Actor.builder(
                                            victim,
                                            dev.herald.core.vocab.ActorType.PERSON,
                                            URI.create(victim + "/inbox"))
                                    .build())));
            kit.store
                    .followers()
                    .put(new Follower(
                            "news",
                            victim,
                            URI.create(victim + "/inbox"),
                            Optional.empty(),
                            Optional.empty(),
                            Follower.State.ACCEPTED,
                            Instant.now()));
            // Claims to be the victim, signs with the gone actor's key id.
            String delete = activity(victim, "deletes/1", "Delete", "\"" + victim + "\"");
            InboxReply reply = kit.inbox.receive(signed(key(gone, KeyPairs.rsa2048()), delete));
            assertThat(reply.status()).isEqualTo(401);
            assertThat(kit.store.followers().find("news", victim)).isPresent();
            assertThat(remote.hits("/users/victim"))
                    .as("the claimed actor is not even fetched")
                    .isZero();
        }
    }
}
