package dev.herald.core.outbox;

import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.Federation;
import dev.herald.core.TestFederations;
import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.ClaimedDelivery;
import dev.herald.core.store.Follower;
import dev.herald.core.store.JobState;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing through the front door: one transaction stores the object and queues one job per inbox. */
class OutboxTest {
    static final MentionResolver.Resolved ALICE = new MentionResolver.Resolved(
            "alice@social.example",
            URI.create("https://social.example/users/alice"),
            URI.create("https://social.example/inbox"));

    private InMemoryStore store;
    private Federation site;
    private Outbox outbox;

    @BeforeEach
    void setUp() {
        store = TestFederations.store();
        site = TestFederations.builder(store)
                .publishing(Publishing.defaults()
                        .withRunDelivery(false)
                        .withMentions(h -> h.equals(ALICE.handle()) ? Optional.of(ALICE) : Optional.empty()))
                .build();
        outbox = site.outbox();
        follow("https://a.example/users/1", "https://a.example/users/1/inbox", "https://a.example/inbox");
        follow("https://a.example/users/2", "https://a.example/users/2/inbox", "https://a.example/inbox");
        follow("https://b.example/users/3", "https://b.example/users/3/inbox", null);
    }

    @AfterEach
    void tearDown() {
        site.delivery().close();
    }

    private void follow(String actor, String inbox, String shared) {
        store.followers()
                .put(new Follower(
                        "news",
                        URI.create(actor),
                        URI.create(inbox),
                        Optional.ofNullable(shared).map(URI::create),
                        Optional.empty(),
                        Follower.State.ACCEPTED,
                        TestFederations.NOW));
    }

    private List<ClaimedDelivery> claimAll() {
        return store.deliveries()
                .claim("test", 100, Duration.ofMinutes(1), Instant.now().plusSeconds(1));
    }

    @Test
    void publishStoresTheObjectAndQueuesOneJobPerDistinctInbox() {
        Outbox.Published p = outbox.publish(
                "news", Post.builder().slug("hello").text("Hello!").build());
        assertThat(p.object()).isEqualTo(URI.create("https://www.example.org/ap/objects/hello"));
        assertThat(p.activity()).isEqualTo(URI.create("https://www.example.org/ap/objects/hello#create"));
        assertThat(p.deliveries()).isEqualTo(2);
        assertThat(store.deliveries().counts().get(JobState.PENDING)).isEqualTo(2);

        List<ClaimedDelivery> jobs = claimAll();
        assertThat(jobs)
                .extracting(ClaimedDelivery::inbox)
                .containsExactlyInAnyOrder(
                        URI.create("https://a.example/inbox"), URI.create("https://b.example/users/3/inbox"));
        assertThat(jobs.get(0).payload()).contains("\"type\":\"Create\"").contains("Hello!");

        StoredObject stored = store.objects().find(p.object()).orElseThrow();
        assertThat(stored.published()).isEqualTo(TestFederations.NOW);
        HeraldResponse served = answer(site, apGet("/ap/objects/hello"));
        assertThat(served.status()).isEqualTo(200);
        assertThat(json(served).getString("content")).isEqualTo("<p>Hello!</p>");
    }

    @Test
    void mentionedActorsGetItToo() {
        Outbox.Published p = outbox.publish(
                "news", Post.builder().text("Hi @alice@social.example").build());
        assertThat(p.deliveries()).isEqualTo(3);
        assertThat(claimAll()).extracting(ClaimedDelivery::inbox).contains(ALICE.inbox());
    }

    @Test
    void aSlugIsUsedOnce() {
        outbox.publish("news", Post.builder().slug("once").text("a").build());
        assertThatThrownBy(() -> outbox.publish(
                        "news", Post.builder().slug("once").text("b").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taken");
    }

    @Test
    void anUnknownActorIsRefused() {
        assertThatThrownBy(
                        () -> outbox.publish("nobody", Post.builder().text("a").build()))
                .hasMessageContaining("no actor 'nobody'");
    }

    @Test
    void anUpdateKeepsTheIdAndPublishedAndCarriesUpdated() {
        Outbox.Published p =
                outbox.publish("news", Post.builder().slug("e").text("first").build());
        claimAll().forEach(j -> store.deliveries().delivered(j, Instant.now()));
        Outbox.Published u =
                outbox.update(p.object(), Post.builder().text("second").build());
        assertThat(u.object()).isEqualTo(p.object());
        assertThat(u.json().getString("published")).isEqualTo(TestFederations.NOW.toString());
        assertThat(u.json().getString("updated")).isEqualTo(TestFederations.NOW.toString());
        assertThat(u.deliveries()).isEqualTo(2);
        assertThat(claimAll().get(0).payload()).contains("\"type\":\"Update\"").contains("second");
        assertThat(store.objects().find(p.object()).orElseThrow().json()).contains("second");
    }

    @Test
    void aDeleteLeavesATombstoneServedWith410() {
        Outbox.Published p =
                outbox.publish("news", Post.builder().slug("d").text("bye").build());
        claimAll().forEach(j -> store.deliveries().delivered(j, Instant.now()));
        assertThat(outbox.delete(p.object())).isEqualTo(2);
        assertThat(claimAll().get(0).payload()).contains("\"type\":\"Delete\"").contains("Tombstone");
        assertThat(answer(site, apGet("/ap/objects/d")).status()).isEqualTo(410);
        assertThatThrownBy(() -> outbox.delete(p.object())).hasMessageContaining("was deleted");
    }

    @Test
    void aDeleteAlsoReachesTheActorsThePostMentioned() {
        Outbox own = Outbox.builder(site.urls(), java.util.Set.of("news"), store)
                .mentionResolver(h -> Optional.of(ALICE))
                .inboxLookup(actor -> actor.equals(ALICE.actor()) ? Optional.of(ALICE.inbox()) : Optional.empty())
                .build();
        Outbox.Published p = own.publish(
                "news", Post.builder().text("hi @alice@social.example").build());
        claimAll().forEach(j -> store.deliveries().delivered(j, Instant.now()));
        assertThat(own.delete(p.object())).isEqualTo(3);
        assertThat(claimAll()).extracting(ClaimedDelivery::inbox).contains(ALICE.inbox());
    }

    @Test
    void pinningAddsToFeaturedAndTellsTheFollowers() {
        Outbox.Published p =
                outbox.publish("news", Post.builder().slug("pin").text("pinned").build());
        claimAll().forEach(j -> store.deliveries().delivered(j, Instant.now()));
        assertThat(outbox.pin(p.object())).isEqualTo(2);
        assertThat(store.objects().find(p.object()).orElseThrow().pinned()).isTrue();
        assertThat(claimAll().get(0).payload()).contains("\"type\":\"Add\"").contains("/featured");
        assertThat(outbox.pin(p.object())).isZero();
        assertThat(outbox.unpin(p.object())).isEqualTo(2);
        assertThat(store.objects().find(p.object()).orElseThrow().pinned()).isFalse();
    }

    @Test
    void anImportIsStoredButNotDelivered() {
        Instant old = Instant.parse("2019-05-01T10:00:00Z");
        Outbox.Published p = outbox.importPost(
                "news", Post.builder().text("from the archive").published(old).build());
        assertThat(p.deliveries()).isZero();
        assertThat(store.deliveries().counts().get(JobState.PENDING)).isZero();
        assertThat(store.objects().find(p.object()).orElseThrow().published()).isEqualTo(old);
    }
}
