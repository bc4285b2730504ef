package dev.herald.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.delivery.DeliverySettings;
import dev.herald.core.outbox.Media;
import dev.herald.core.outbox.Outbox;
import dev.herald.core.outbox.Post;
import dev.herald.core.outbox.Publishing;
import dev.herald.core.store.Follower;
import dev.herald.core.store.JobState;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.servlet.HeraldTestSite;
import dev.herald.signatures.SignatureSpec;
import dev.herald.webfinger.NetworkPolicy;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Herald publishes and its delivery engine posts the {@code Create} to a real Fedify 2.3.6 inbox, which fetches
 * Herald's actor over HTTP on loopback and verifies the signature: draft-cavage in one site, RFC 9421 in another.
 */
class FedifyDeliveryIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static FedifyPeer.Server bob;

    @BeforeAll
    static void startPeer() {
        bob = FedifyPeer.serve("bob");
    }

    @AfterAll
    static void stopPeer() {
        if (bob != null) {
            bob.close();
        }
    }

    private static HeraldTestSite site(InMemoryStore store, DeliverySettings delivery) throws Exception {
        return HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(ActorProfile.builder("news")
                        .name("Example News")
                        .summary("<p>News from the example site.</p>")
                        .build())
                .store(store)
                .networkPolicy(NetworkPolicy.allowPrivateNetwork())
                .publishing(Publishing.defaults().withDelivery(delivery))
                .build());
    }

    private static void bobFollows(InMemoryStore store) {
        JsonObject ready = bob.ready();
        store.followers()
                .put(new Follower(
                        "news",
                        URI.create(ready.getString("actor")),
                        URI.create(ready.getString("inbox")),
                        Optional.of(URI.create(ready.getString("sharedInbox"))),
                        Optional.empty(),
                        Follower.State.ACCEPTED,
                        Instant.now()));
    }

    private static void deliversVerified(DeliverySettings delivery, String text) throws Exception {
        InMemoryStore store = new InMemoryStore();
        try (HeraldTestSite site = site(store, delivery)) {
            bobFollows(store);
            Outbox.Published p = site.federation()
                    .outbox()
                    .publish(
                            "news",
                            Post.builder()
                                    .text(text + " #interop")
                                    .contentWarning("Test post")
                                    .attach(Media.image(
                                            URI.create(site.origin() + "/img/1.png"), "image/png", "A test card"))
                                    .language("en")
                                    .build());
            String activity = p.activity().toString();
            JsonObject event = bob.await(
                    e -> "inbox".equals(e.getString("event", "")) && activity.equals(e.getString("id", "")), TIMEOUT);
            assertThat(event.getString("type")).isEqualTo("Create");
            assertThat(event.getString("actor"))
                    .isEqualTo(site.federation().actorId("news").toString());
            assertThat(event.getString("object")).isEqualTo(p.object().toString());
            JsonObject object = event.getJsonObject("raw").getJsonObject("object");
            assertThat(object.getString("content")).contains(text);
            assertThat(object.getString("summary")).isEqualTo("Test post");

            Predicate<JsonObject> rejected = e -> "inbox-rejected".equals(e.getString("event", ""));
            assertThatThrownBy(() -> bob.await(rejected, Duration.ofMillis(50)))
                    .as("Fedify accepted the first signature, no double-knock needed")
                    .isInstanceOf(AssertionError.class);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (store.deliveries().counts().get(JobState.DONE) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(store.deliveries().counts().get(JobState.DONE)).isEqualTo(1);
            site.federation().delivery().close();
        }
    }

    @Test
    void fedifyVerifiesADraftCavageSignedCreate() throws Exception {
        deliversVerified(DeliverySettings.defaults(), "Signed with draft-cavage.");
    }

    @Test
    void fedifyVerifiesAnRfc9421SignedCreate() throws Exception {
        deliversVerified(
                DeliverySettings.builder().rfc9421(true, SignatureSpec.RFC_9421).build(), "Signed with RFC 9421.");
    }
}
