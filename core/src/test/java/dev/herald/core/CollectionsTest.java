package dev.herald.core;

import static dev.herald.core.TestFederations.NOW;
import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.json;
import static dev.herald.core.TestFederations.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.Follower;
import dev.herald.core.store.Following;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outbox, followers, following and featured: collections with a count and cursor-paged pages. */
class CollectionsTest {
    private static final String ACTOR = "https://www.example.org/ap/actors/news";

    private final InMemoryStore store = TestFederations.store();

    private Federation federation(int pageSize) {
        return TestFederations.builder(store).pageSize(pageSize).build();
    }

    private void followers(int count) {
        for (int i = 0; i < count; i++) {
            store.followers()
                    .put(new Follower(
                            "news",
                            URI.create("https://mastodon.example/users/f" + i),
                            URI.create("https://mastodon.example/users/f" + i + "/inbox"),
                            Optional.of(URI.create("https://mastodon.example/inbox")),
                            Optional.empty(),
                            Follower.State.ACCEPTED,
                            NOW.minus(Duration.ofMinutes(100 - i))));
        }
        store.followers()
                .put(new Follower(
                        "news",
                        URI.create("https://pending.example/users/p"),
                        URI.create("https://pending.example/users/p/inbox"),
                        Optional.empty(),
                        Optional.empty(),
                        Follower.State.PENDING,
                        NOW));
    }

    @Test
    void theFollowersCollectionHasTheCountAndAFirstPage() {
        followers(5);
        JsonObject collection = json(answer(federation(2), apGet("/ap/actors/news/followers")));
        assertThat(collection.getString("@context")).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(collection.getString("id")).isEqualTo(ACTOR + "/followers");
        assertThat(collection.getString("type")).isEqualTo("OrderedCollection");
        assertThat(collection.getInt("totalItems")).isEqualTo(5);
        assertThat(collection.getString("first")).isEqualTo(ACTOR + "/followers?page=1");
        assertThat(collection.containsKey("orderedItems")).isFalse();
    }

    @Test
    void pagesFollowNextUntilEveryAcceptedFollowerWasSeenOnce() {
        followers(5);
        Federation federation = federation(2);
        List<String> seen = new ArrayList<>();
        String url = ACTOR + "/followers?page=1";
        int pages = 0;
        while (url != null) {
            String target = url.substring("https://www.example.org".length());
            HeraldResponse response = answer(federation, apGet(target));
            assertThat(response.status()).isEqualTo(200);
            JsonObject page = json(response);
            assertThat(page.getString("id")).isEqualTo(url);
            assertThat(page.getString("type")).isEqualTo("OrderedCollectionPage");
            assertThat(page.getString("partOf")).isEqualTo(ACTOR + "/followers");
            assertThat(page.getInt("totalItems")).isEqualTo(5);
            page.getJsonArray("orderedItems").forEach(v -> seen.add(((JsonString) v).getString()));
            url = page.containsKey("next") ? page.getString("next") : null;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen)
                .containsExactly(
                        "https://mastodon.example/users/f0",
                        "https://mastodon.example/users/f1",
                        "https://mastodon.example/users/f2",
                        "https://mastodon.example/users/f3",
                        "https://mastodon.example/users/f4");
    }

    @Test
    void anEmptyCollectionHasAnEmptyFirstPageWithoutNext() {
        JsonObject page = json(answer(federation(20), apGet("/ap/actors/news/following?page=1")));
        assertThat(page.getJsonArray("orderedItems")).isEmpty();
        assertThat(page.containsKey("next")).isFalse();
        assertThat(page.getInt("totalItems")).isZero();
    }

    @Test
    void followingListsAcceptedFollowsOnly() {
        store.following()
                .put(new Following("news", URI.create("https://bsky.example/bot"), Optional.empty(), true, NOW));
        store.following()
                .put(new Following("news", URI.create("https://waiting.example/x"), Optional.empty(), false, NOW));
        Federation federation = federation(20);
        assertThat(json(answer(federation, apGet("/ap/actors/news/following"))).getInt("totalItems"))
                .isEqualTo(1);
        JsonObject page = json(answer(federation, apGet("/ap/actors/news/following?page=1")));
        assertThat(page.getJsonArray("orderedItems").getString(0)).isEqualTo("https://bsky.example/bot");
    }

    @Test
    void hiddenFollowersShowOnlyTheirCount() {
        followers(3);
        Federation federation =
                TestFederations.builder(TestFederations.store()).store(store).build();
        Federation hiding = Federation.builder()
                .origin(TestFederations.ORIGIN)
                .addActor(TestFederations.news().toBuilder()
                        .hideFollowers(true)
                        .hideFollowing(true)
                        .build())
                .store(store)
                .build();
        JsonObject hidden = json(answer(hiding, apGet("/ap/actors/news/followers")));
        assertThat(hidden.getInt("totalItems")).isEqualTo(3);
        assertThat(hidden.containsKey("first")).isFalse();
        assertThat(answer(hiding, apGet("/ap/actors/news/followers?page=1")).status())
                .isEqualTo(404);
        assertThat(json(answer(hiding, apGet("/ap/actors/news/following"))).containsKey("first"))
                .isFalse();
        assertThat(json(answer(federation, apGet("/ap/actors/news/followers"))).containsKey("first"))
                .isTrue();
    }

    @Test
    void theOutboxWrapsPublicObjectsInCreateActivitiesNewestFirst() {
        store.objects()
                .put(note(
                        ACTOR + "/notes/1",
                        "news",
                        NOW.minus(Duration.ofDays(2)),
                        StoredObject.Visibility.PUBLIC,
                        false));
        store.objects()
                .put(note(
                        ACTOR + "/notes/2",
                        "news",
                        NOW.minus(Duration.ofDays(1)),
                        StoredObject.Visibility.UNLISTED,
                        false));
        store.objects().put(note(ACTOR + "/notes/3", "news", NOW, StoredObject.Visibility.FOLLOWERS, false));
        Federation federation = federation(20);
        JsonObject outbox = json(answer(federation, apGet("/ap/actors/news/outbox")));
        assertThat(outbox.getInt("totalItems")).isEqualTo(3);
        assertThat(outbox.getString("first")).isEqualTo(ACTOR + "/outbox?page=1");

        JsonObject page = json(answer(federation, apGet("/ap/actors/news/outbox?page=1")));
        assertThat(page.getJsonArray("@context").getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(page.getJsonArray("@context").getJsonObject(1).getString("sensitive"))
                .isEqualTo("as:sensitive");
        assertThat(page.getJsonArray("orderedItems")).hasSize(2);
        JsonObject create = page.getJsonArray("orderedItems").getJsonObject(0);
        assertThat(create.getString("type")).isEqualTo("Create");
        assertThat(create.getString("id")).isEqualTo(ACTOR + "/notes/2#create");
        assertThat(create.getString("actor")).isEqualTo(ACTOR);
        assertThat(create.getJsonArray("to").getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams#Public");
        JsonObject object = create.getJsonObject("object");
        assertThat(object.getString("id")).isEqualTo(ACTOR + "/notes/2");
        assertThat(object.containsKey("@context")).isFalse();
        assertThat(page.getJsonArray("orderedItems")
                        .getJsonObject(1)
                        .getJsonObject("object")
                        .getString("id"))
                .isEqualTo(ACTOR + "/notes/1");
    }

    @Test
    void featuredEmbedsThePinnedPublicObjects() {
        store.objects()
                .put(note(
                        ACTOR + "/notes/1",
                        "news",
                        NOW.minus(Duration.ofDays(2)),
                        StoredObject.Visibility.PUBLIC,
                        true));
        store.objects()
                .put(note(
                        ACTOR + "/notes/2",
                        "news",
                        NOW.minus(Duration.ofDays(1)),
                        StoredObject.Visibility.PUBLIC,
                        false));
        store.objects().put(note(ACTOR + "/notes/3", "news", NOW, StoredObject.Visibility.FOLLOWERS, true));
        Federation federation = federation(20);
        JsonObject featured = json(answer(federation, apGet("/ap/actors/news/featured")));
        assertThat(featured.getString("id")).isEqualTo(ACTOR + "/featured");
        assertThat(featured.getString("type")).isEqualTo("OrderedCollection");
        assertThat(featured.getInt("totalItems")).isEqualTo(1);
        assertThat(featured.getJsonArray("orderedItems").getJsonObject(0).getString("id"))
                .isEqualTo(ACTOR + "/notes/1");
        assertThat(answer(federation, apGet("/ap/actors/news/featured?page=1")).status())
                .isEqualTo(404);
    }

    @Test
    void theInstanceActorsOutboxIsEmpty() {
        JsonObject outbox = json(answer(federation(20), apGet("/ap/actor/outbox")));
        assertThat(outbox.getString("id")).isEqualTo("https://www.example.org/ap/actor/outbox");
        assertThat(outbox.getInt("totalItems")).isZero();
    }

    @Test
    void collectionsOfUnknownActorsAre404() {
        assertThat(answer(federation(20), apGet("/ap/actors/nobody/followers")).status())
                .isEqualTo(404);
    }

    @Test
    void aCursorFromNowhereIsAnEmptyPageOrA400NeverA500() {
        followers(2);
        Federation federation = federation(20);
        HeraldResponse unknown = answer(
                federation,
                apGet("/ap/actors/news/followers?page="
                        + dev.herald.core.internal.http.PageParameter.encode("nonsense")));
        // The store decides: a cursor it cannot read is a 400, a readable one past the end an empty page.
        assertThat(unknown.status()).isIn(200, 400);
        if (unknown.status() == 200) {
            assertThat(json(unknown).getJsonArray("orderedItems")).isEmpty();
        } else {
            assertThat(json(unknown).getString("error")).isNotBlank();
        }
        HeraldResponse malformed = answer(federation, apGet("/ap/actors/news/followers?page=%%%"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(json(malformed).getString("error")).contains("malformed");
        assertThat(malformed.header("Vary")).contains("Accept");
    }
}
