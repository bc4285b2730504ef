package dev.herald.core;

import static dev.herald.core.TestFederations.NOW;
import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.apGet;
import static dev.herald.core.TestFederations.json;
import static dev.herald.core.TestFederations.note;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldResponse;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Object URLs: the stored JSON, a Tombstone with 410 once deleted, 404 for the unknown and the private. */
class ObjectsTest {
    private static final String ID = "https://www.example.org/ap/actors/news/notes/1";

    private final InMemoryStore store = TestFederations.store();
    private final Federation federation = TestFederations.builder(store).build();

    @Test
    void aStoredObjectIsServedAsStored() {
        StoredObject stored = note(ID, "news", NOW, StoredObject.Visibility.PUBLIC, false);
        store.objects().put(stored);
        HeraldResponse response = answer(federation, apGet("/ap/actors/news/notes/1"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/activity+json; charset=utf-8");
        assertThat(response.header("Vary")).contains("Accept");
        assertThat(response.bodyText()).isEqualTo(stored.json());
        assertThat(json(response).getString("id")).isEqualTo(ID);
    }

    @Test
    void aDeletedObjectIs410WithATombstone() {
        store.objects().put(note(ID, "news", NOW, StoredObject.Visibility.PUBLIC, false));
        Instant deleted = Instant.parse("2026-03-02T10:00:00Z");
        store.objects().markDeleted(URI.create(ID), deleted);
        HeraldResponse response = answer(federation, apGet("/ap/actors/news/notes/1"));
        assertThat(response.status()).isEqualTo(410);
        assertThat(response.header("Content-Type")).contains("application/activity+json; charset=utf-8");
        JsonObject tombstone = json(response);
        assertThat(tombstone.getString("@context")).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(tombstone.getString("id")).isEqualTo(ID);
        assertThat(tombstone.getString("type")).isEqualTo("Tombstone");
        assertThat(tombstone.getString("formerType")).isEqualTo("Note");
        assertThat(tombstone.getString("deleted")).isEqualTo("2026-03-02T10:00:00Z");
    }

    @Test
    void anUnknownObjectIs404WithAReason() {
        HeraldResponse response = answer(federation, apGet("/ap/objects/nothing-here"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(json(response).getString("error")).isEqualTo("no such object");
    }

    @Test
    void aFollowersOnlyObjectIs404WithoutAuthorizedFetch() {
        store.objects().put(note(ID, "news", NOW, StoredObject.Visibility.FOLLOWERS, false));
        assertThat(answer(federation, apGet("/ap/actors/news/notes/1")).status())
                .isEqualTo(404);
    }

    @Test
    void objectsOutsideTheBasePathAreTheSites() {
        store.objects()
                .put(note(
                        "https://www.example.org/news/2026/hello", "news", NOW, StoredObject.Visibility.PUBLIC, false));
        assertThat(federation.handle(apGet("/news/2026/hello"))).isEmpty();
    }

    @Test
    void pathsThatAreNotUrisAre404() {
        assertThat(answer(federation, apGet("/ap/objects/a b|c")).status()).isEqualTo(404);
        assertThat(answer(federation, apGet("/ap/objects/%zz")).status()).isEqualTo(404);
    }
}
