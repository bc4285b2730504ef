package dev.herald.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.ActorProfile;
import dev.herald.core.Federation;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.store.StoredObject;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.core.vocab.Addressing;
import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.core.vocab.Tag;
import dev.herald.servlet.HeraldTestSite;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read side as a real, independent implementation sees it: Fedify 2.3.6 (the interop peer) looks up
 * Herald's handle with WebFinger, parses the actor with its key, walks the outbox and reads a Note with a
 * content warning, a hashtag and an image description, over HTTP on loopback.
 */
class FedifyReadSideIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static HeraldTestSite site;
    private static String actor;
    private static String noteId;
    private static String handle;

    @BeforeAll
    static void start() throws Exception {
        FedifyPeer.directory();
        InMemoryStore store = new InMemoryStore();
        site = HeraldTestSite.start(origin -> Federation.builder()
                .origin(origin)
                .addActor(ActorProfile.builder("news")
                        .name("Example News")
                        .summary("<p>News from the example site.</p>")
                        .profileUrl(URI.create(origin + "/news/"))
                        .icon(URI.create(origin + "/logo.png"), "image/png", "The Example logo")
                        .addField("Website", "<a href=\"" + origin + "/\" rel=\"me\">our site</a>")
                        .build())
                .store(store)
                .pageSize(2)
                .build());
        actor = site.origin() + "/ap/actors/news";
        handle = "news@" + site.origin().getAuthority();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= 3; i++) {
            String id = actor + "/notes/" + i;
            Note note = Note.builder(URI.create(id), NoteType.NOTE, URI.create(actor))
                    .content("<p>Release " + i + " is out. <a href=\"" + site.origin()
                            + "/tags/python\" class=\"mention hashtag\"" + " rel=\"tag\">#<span>python</span></a></p>")
                    .contentWarning("Release notes")
                    .published(now.minusSeconds(60L * (4 - i)))
                    .url(URI.create(site.origin() + "/news/" + i))
                    .addTo(Addressing.PUBLIC)
                    .addCc(URI.create(actor + "/followers"))
                    .addTag(Tag.Hashtag.of("#python", URI.create(site.origin() + "/tags/python")))
                    .addAttachment(Attachment.image(
                                    URI.create(site.origin() + "/img/" + i + ".png"),
                                    "image/png",
                                    "A chart of downloads, rising")
                            .build())
                    .build();
            store.objects()
                    .put(new StoredObject(
                            URI.create(id),
                            "news",
                            "Note",
                            DocumentWriter.create().write(note),
                            note.published().orElseThrow(),
                            Optional.empty(),
                            Optional.empty(),
                            StoredObject.Visibility.PUBLIC,
                            false));
        }
        noteId = actor + "/notes/3";
    }

    @AfterAll
    static void stop() throws Exception {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void fedifyFindsTheActorThroughWebFinger() {
        JsonObject result = FedifyPeer.run(TIMEOUT, "lookup-webfinger", "acct:" + handle);
        assertThat(result.getString("actor")).isEqualTo(actor);
        assertThat(result.getJsonObject("jrd").getString("subject")).isEqualTo("acct:" + handle);
        JsonObject byHandle = FedifyPeer.run(TIMEOUT, "lookup-object", "@" + handle);
        assertThat(byHandle.getString("id")).isEqualTo(actor);
    }

    @Test
    void fedifyParsesTheActorAndItsKey() {
        JsonObject parsed = FedifyPeer.run(TIMEOUT, "lookup-object", actor);
        assertThat(parsed.getString("kind")).isEqualTo("actor");
        assertThat(parsed.getString("id")).isEqualTo(actor);
        assertThat(parsed.getString("type")).isEqualTo("Organization");
        assertThat(parsed.getString("preferredUsername")).isEqualTo("news");
        assertThat(parsed.getString("name")).isEqualTo("Example News");
        assertThat(parsed.getString("inbox")).isEqualTo(actor + "/inbox");
        assertThat(parsed.getString("outbox")).isEqualTo(actor + "/outbox");
        assertThat(parsed.getString("followers")).isEqualTo(actor + "/followers");
        assertThat(parsed.getJsonObject("endpoints").getString("sharedInbox")).isEqualTo(site.origin() + "/ap/inbox");
        JsonObject key = parsed.getJsonObject("publicKey");
        assertThat(key.getString("id")).isEqualTo(actor + "#main-key");
        assertThat(key.getString("owner")).isEqualTo(actor);
        assertThat(key.getString("pem")).contains("BEGIN PUBLIC KEY");
        assertThat(parsed.getJsonObject("icon").getString("name")).isEqualTo("The Example logo");
        assertThat(parsed.getJsonArray("attachments").getJsonObject(0).getString("name"))
                .isEqualTo("Website");
    }

    @Test
    void fedifyReadsANoteWithContentWarningHashtagAndImageDescription() {
        JsonObject parsed = FedifyPeer.run(TIMEOUT, "lookup-object", noteId);
        assertThat(parsed.getString("kind")).isEqualTo("object");
        assertThat(parsed.getString("type")).isEqualTo("Note");
        assertThat(parsed.getString("id")).isEqualTo(noteId);
        assertThat(parsed.getString("attributedTo")).isEqualTo(actor);
        assertThat(parsed.getString("summary")).isEqualTo("Release notes");
        assertThat(parsed.getBoolean("sensitive")).isTrue();
        assertThat(parsed.getString("content")).contains("Release 3 is out");
        assertThat(strings(parsed.getJsonArray("to"))).contains(Addressing.PUBLIC.toString());
        JsonObject tag = parsed.getJsonArray("tags").getJsonObject(0);
        assertThat(tag.getString("type")).isEqualTo("Hashtag");
        assertThat(tag.getString("name")).isEqualTo("#python");
        JsonObject image = parsed.getJsonArray("attachments").getJsonObject(0);
        assertThat(image.getString("mediaType")).isEqualTo("image/png");
        assertThat(image.getString("name")).isEqualTo("A chart of downloads, rising");
    }

    @Test
    void fedifyWalksTheOutboxPageByPage() {
        JsonObject outbox = FedifyPeer.run(TIMEOUT, "traverse", actor + "/outbox");
        assertThat(outbox.getInt("totalItems")).isEqualTo(3);
        assertThat(outbox.getInt("pageCount")).isEqualTo(2);
        assertThat(outbox.getInt("itemCount")).isEqualTo(3);
    }

    private static List<String> strings(JsonArray array) {
        return array.stream()
                .map(v -> v.getValueType() == JsonValue.ValueType.STRING
                        ? ((jakarta.json.JsonString) v).getString()
                        : v.toString())
                .collect(Collectors.toList());
    }
}
