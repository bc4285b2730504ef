package dev.herald.core.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Vectors;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ApObject;
import dev.herald.core.vocab.Collection;
import dev.herald.core.vocab.CollectionType;
import dev.herald.core.vocab.GenericObject;
import dev.herald.core.vocab.Image;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.core.vocab.ObjectRef;
import dev.herald.core.vocab.PublicKey;
import dev.herald.core.vocab.Tag;
import dev.herald.core.vocab.Tombstone;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentWriterTest {
    private final DocumentWriter writer = DocumentWriter.create();
    private final DocumentReader reader = DocumentReader.create();

    @Test
    void writesTheOrganizationActorAsTheGoldenFile() {
        assertThat(writer.toJson(Samples.organization())).isEqualTo(golden("organization-actor.json"));
    }

    @Test
    void writesTheNoteWithWarningHashtagAndImageAltAsTheGoldenFile() {
        assertThat(writer.toJson(Samples.noteWithWarningHashtagAndImage()))
                .isEqualTo(golden("note-cw-hashtag-image.json"));
    }

    @Test
    void anActivityWithoutExtensionsHasTheActivityStreamsContextAsAPlainString() {
        Activity follow = Activity.builder(ActivityType.FOLLOW, Samples.ACTOR)
                .id(URI.create("https://example.org/ap/follows/1"))
                .object(URI.create("https://mastodon.example/users/alice"))
                .build();
        JsonObject json = writer.toJson(follow);
        assertThat(json.getString("@context")).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(json.getString("object")).isEqualTo("https://mastodon.example/users/alice");
    }

    @Test
    void everyInlineTermIsDefinedExactlyAsMastodonDefinesIt() {
        JsonObject mastodon = Json.createReader(
                        new StringReader(Vectors.read("contexts/mastodon-context-extension-map.json")))
                .readObject()
                .getJsonObject("full_context")
                .getJsonArray("@context")
                .getJsonObject(2);
        for (ApObject object : new ApObject[] {
            Samples.organization(),
            Samples.create(Samples.noteWithWarningHashtagAndImage()),
            quotingNote(),
            quoteRequest()
        }) {
            var context = writer.toJson(object).getJsonArray("@context");
            JsonObject inline = context.getJsonObject(context.size() - 1);
            inline.forEach((term, definition) -> assertThat(definition).as(term).isEqualTo(mastodon.get(term)));
        }
    }

    @Test
    void anActorDocumentNamesSecurityAndOnlyTheExtensionsItUses() {
        JsonObject json = writer.toJson(Samples.organization());
        assertThat(json.getJsonArray("@context").getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(json.getJsonArray("@context").getString(1)).isEqualTo("https://w3id.org/security/v1");
        assertThat(json.getJsonArray("@context").getJsonObject(2))
                .containsKeys(
                        "manuallyApprovesFollowers",
                        "toot",
                        "discoverable",
                        "indexable",
                        "featured",
                        "schema",
                        "PropertyValue",
                        "value",
                        "attributionDomains")
                .doesNotContainKeys("sensitive", "Hashtag", "blurhash", "focalPoint", "movedTo", "quote");
    }

    @Test
    void aNoteDocumentHasNoSecurityContextAndItsMediaTerms() {
        JsonObject json = writer.toJson(Samples.noteWithWarningHashtagAndImage());
        assertThat(json.getJsonArray("@context")).hasSize(2);
        assertThat(json.getJsonArray("@context").getJsonObject(1))
                .containsKeys("sensitive", "Hashtag", "toot", "blurhash", "focalPoint")
                .doesNotContainKeys("manuallyApprovesFollowers", "PropertyValue");
        assertThat(json.getJsonArray("to").getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams#Public");
    }

    @Test
    void writesSlashesAndNonAsciiUnescaped() {
        String text = writer.write(
                Samples.organization().toBuilder().name("Fundación Ejemplo ✨").build());
        assertThat(text).contains("\"https://example.org/ap/actor\"").doesNotContain("\\/");
        assertThat(text).contains("Fundación Ejemplo ✨");
        assertThat(new String(writer.writeBytes(Samples.organization()), StandardCharsets.UTF_8))
                .isEqualTo(writer.write(Samples.organization()))
                .doesNotContain("\n");
        assertThat(DocumentWriter.pretty().write(Samples.organization())).contains("\n");
    }

    @Test
    void roundTripsAnActorWithEveryPart() {
        Actor actor = Samples.organization().toBuilder()
                .image(Image.of(URI.create("https://example.org/header.jpg"), "image/jpeg"))
                .featuredTags(URI.create("https://example.org/ap/actor/tags"))
                .manuallyApprovesFollowers(true)
                .updated(Instant.parse("2025-02-01T10:00:00.123Z"))
                .addAlsoKnownAs(URI.create("https://old.example/users/news"))
                .movedTo(URI.create("https://new.example/users/news"))
                .addPublicKey(new PublicKey(URI.create("https://example.org/ap/actor#ed25519"), Samples.ACTOR, "PEM2"))
                .addTag(new Tag.Emoji(
                        Optional.of(URI.create("https://example.org/emoji/star")),
                        ":star:",
                        Image.of(URI.create("https://example.org/emoji/star.png"), "image/png"),
                        Optional.of(Instant.parse("2024-01-01T00:00:00Z"))))
                .build();
        assertRoundTrip(actor);
    }

    @Test
    void roundTripsNotesArticlesAndTheirActivities() {
        Note note = Samples.noteWithWarningHashtagAndImage();
        assertRoundTrip(note);
        assertRoundTrip(Samples.create(note));
        Note article = Note.builder(URI.create("https://example.org/ap/articles/1"), NoteType.ARTICLE, Samples.ACTOR)
                .name("Annual report")
                .summary("What we did this year")
                .content("<p>…</p>")
                .putContentMap("en", "<p>…</p>")
                .putContentMap("de", "<p>…</p>")
                .inReplyTo(URI.create("https://mastodon.example/users/alice/statuses/1"))
                .updated(Instant.parse("2025-03-02T00:00:00Z"))
                .addTag(Tag.Mention.of(URI.create("https://mastodon.example/users/alice"), "@alice@mastodon.example"))
                .addCc(URI.create("https://mastodon.example/users/alice"))
                .build();
        assertRoundTrip(article);
        assertRoundTrip(quotingNote());
        Activity update = Activity.builder(ActivityType.UPDATE, Samples.ACTOR)
                .id(URI.create("https://example.org/ap/articles/1#update"))
                .object(article)
                .addTo(URI.create("https://www.w3.org/ns/activitystreams#Public"))
                .build();
        assertRoundTrip(update);
        assertRoundTrip(quoteRequest());
    }

    @Test
    void roundTripsEveryActivityTypeWithUriObjects() {
        for (ActivityType type : ActivityType.values()) {
            Activity activity = Activity.builder(type, Samples.ACTOR)
                    .id(URI.create("https://example.org/ap/activities/" + type.jsonName()))
                    .object(URI.create("https://mastodon.example/users/alice/statuses/1"))
                    .target(URI.create("https://example.org/ap/actor/featured"))
                    .content("a comment")
                    .build();
            assertRoundTrip(activity);
        }
    }

    @Test
    void roundTripsActivitiesWithEmbeddedActivitiesAndSeveralObjects() {
        Activity follow = Activity.builder(ActivityType.FOLLOW, URI.create("https://mastodon.example/users/alice"))
                .id(URI.create("https://mastodon.example/follows/1"))
                .object(Samples.ACTOR)
                .build();
        assertRoundTrip(Activity.builder(ActivityType.ACCEPT, Samples.ACTOR)
                .id(URI.create("https://example.org/ap/accepts/1"))
                .object(follow)
                .build());
        assertRoundTrip(Activity.builder(ActivityType.UNDO, URI.create("https://mastodon.example/users/alice"))
                .object(follow)
                .build());
        assertRoundTrip(Activity.builder(ActivityType.FLAG, Samples.ACTOR)
                .id(URI.create("https://example.org/ap/flags/1"))
                .object(URI.create("https://spam.example/users/bot"))
                .object(URI.create("https://spam.example/users/bot/statuses/1"))
                .content("Spam")
                .build());
        assertRoundTrip(Activity.builder(ActivityType.DELETE, Samples.ACTOR)
                .id(URI.create("https://example.org/ap/notes/1#delete"))
                .object(new Tombstone(
                        URI.create("https://example.org/ap/notes/1"),
                        Optional.of("Note"),
                        Optional.of(Instant.parse("2025-04-01T00:00:00Z"))))
                .addTo(URI.create("https://www.w3.org/ns/activitystreams#Public"))
                .build());
    }

    @Test
    void roundTripsCollectionsAndPages() {
        Collection page = Collection.builder(CollectionType.ORDERED_COLLECTION_PAGE)
                .id(URI.create("https://example.org/ap/actor/outbox?page=1"))
                .partOf(URI.create("https://example.org/ap/actor/outbox"))
                .next(URI.create("https://example.org/ap/actor/outbox?page=2"))
                .prev(URI.create("https://example.org/ap/actor/outbox?page=0"))
                .addItem(ObjectRef.of(Samples.create(Samples.noteWithWarningHashtagAndImage())))
                .addItem(ObjectRef.of(URI.create("https://example.org/ap/notes/0/activity")))
                .build();
        assertRoundTrip(page);
        assertRoundTrip(Collection.builder(CollectionType.ORDERED_COLLECTION)
                .id(URI.create("https://example.org/ap/actor/outbox"))
                .totalItems(2)
                .first(ObjectRef.of(page))
                .last(ObjectRef.of(URI.create("https://example.org/ap/actor/outbox?page=2")))
                .build());
        Collection followers = Collection.builder(CollectionType.ORDERED_COLLECTION)
                .id(Samples.FOLLOWERS)
                .totalItems(12_345)
                .first(ObjectRef.of(URI.create(Samples.FOLLOWERS + "?page=1")))
                .build();
        assertRoundTrip(followers);
        assertThat(writer.toJson(followers)).doesNotContainKey("orderedItems");
        assertRoundTrip(Collection.builder(CollectionType.COLLECTION_PAGE)
                .addItem(ObjectRef.of(URI.create("https://mastodon.example/users/alice/statuses/2")))
                .build());
    }

    @Test
    void roundTripsTombstonesKeysAndGenericObjects() {
        assertRoundTrip(Tombstone.of(URI.create("https://example.org/ap/notes/1")));
        assertRoundTrip(new PublicKey(URI.create("https://example.org/ap/actor#main-key"), Samples.ACTOR, Samples.PEM));
        assertRoundTrip(GenericObject.builder("Page")
                .id(URI.create("https://lemmy.example/post/1"))
                .attributedTo(URI.create("https://lemmy.example/u/alice"))
                .name("A post")
                .summary("About something")
                .content("<p>Body</p>")
                .sensitive(true)
                .url(URI.create("https://lemmy.example/post/1"))
                .inReplyTo(URI.create("https://lemmy.example/c/news"))
                .published(Instant.parse("2025-01-01T00:00:00Z"))
                .updated(Instant.parse("2025-01-02T00:00:00Z"))
                .addTo(URI.create("https://lemmy.example/c/news"))
                .addCc(URI.create("https://www.w3.org/ns/activitystreams#Public"))
                .build());
    }

    private static Note quotingNote() {
        return Note.builder(URI.create("https://example.org/ap/notes/2"), NoteType.NOTE, Samples.ACTOR)
                .content("<p>Worth reading</p>")
                .quote(URI.create("https://mastodon.example/users/alice/statuses/1"))
                .build();
    }

    /** A FEP-044f request to quote a post, with the quoting post embedded as its instrument (as Mastodon sends). */
    private static Activity quoteRequest() {
        return Activity.builder(ActivityType.QUOTE_REQUEST, Samples.ACTOR)
                .id(URI.create("https://example.org/ap/quote-requests/1"))
                .object(URI.create("https://mastodon.example/users/alice/statuses/1"))
                .instrument(quotingNote())
                .build();
    }

    private void assertRoundTrip(ApObject object) {
        byte[] json = writer.writeBytes(object);
        ReadDocument read = reader.read(json);
        assertThat(read.path()).as("Herald's own output takes the fast path").isEqualTo(ReadDocument.Path.FAST);
        assertThat(read.object()).isEqualTo(object);
        assertThat(DocumentReader.create(
                                ReaderSettings.builder().alwaysExpand(true).build())
                        .read(json)
                        .object())
                .as("and reads the same through JSON-LD expansion")
                .isEqualTo(object);
    }

    private static JsonValue golden(String name) {
        try (InputStream in = DocumentWriterTest.class.getResourceAsStream("golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
