package dev.herald.core.jsonld;

import static dev.herald.core.jsonld.Corpus.PUBLIC;
import static dev.herald.core.jsonld.Corpus.read;
import static dev.herald.core.jsonld.Corpus.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Vectors;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.FocalPoint;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.PropertyValue;
import dev.herald.core.vocab.PublicKey;
import dev.herald.core.vocab.Tag;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Mastodon's documents from the shared corpus, read through {@link DocumentReader}. */
class MastodonObjectsTest {

    @Test
    void createNoteWithContentWarningHashtagAndMention() {
        ReadDocument doc = read("mastodon-create-note-cw-sensitive-hashtag-mention.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST);
        Activity create = doc.as(Activity.class).orElseThrow();
        assertThat(create.type()).isEqualTo(ActivityType.CREATE);
        assertThat(create.id())
                .contains(uri("http://mastodon.example.org/users/admin/statuses/99512778738411822/activity"));
        assertThat(create.actor()).isEqualTo(uri("http://mastodon.example.org/users/admin"));
        assertThat(create.to()).containsExactly(PUBLIC);
        assertThat(create.published()).contains(Instant.parse("2018-02-12T14:08:20Z"));

        Note note = (Note) create.object().orElseThrow().embedded().orElseThrow();
        assertThat(create.objectId()).contains(note.id());
        assertThat(note.attributedTo()).isEqualTo(create.actor());
        assertThat(note.summary()).contains("cw");
        assertThat(note.sensitive()).isTrue();
        assertThat(note.content()).hasValueSatisfying(c -> assertThat(c).contains("#moo"));
        assertThat(note.inReplyTo()).isEmpty(); // "inReplyTo": null
        assertThat(note.cc())
                .containsExactly(
                        uri("http://mastodon.example.org/users/admin/followers"),
                        uri("http://localtesting.pleroma.lol/users/lain"));
        assertThat(note.tags())
                .containsExactly(
                        Tag.Mention.of(
                                uri("http://localtesting.pleroma.lol/users/lain"), "@lain@localtesting.pleroma.lol"),
                        Tag.Hashtag.of("#moo", uri("http://mastodon.example.org/tags/moo")));
        assertThat(note.url()).contains(uri("http://mastodon.example.org/@admin/99512778738411822"));
        // The embedded RsaSignature2017 block and the stray "nickname" stay in the raw JSON.
        assertThat(doc.json().getJsonObject("signature").getString("type")).isEqualTo("RsaSignature2017");
    }

    @Test
    void noteWithImageAltTextBlurhashAndFocalPoint() {
        Note note = read("mastodon-note-floss.social-image-alt-blurhash-focalpoint.json", Note.class);
        assertThat(note.id()).isEqualTo(uri("https://floss.social/users/kde/statuses/113306831140126616"));
        assertThat(note.attributedTo()).isEqualTo(uri("https://floss.social/users/kde"));
        assertThat(note.inReplyTo()).contains(uri("https://floss.social/users/kde/statuses/113306824627995724"));
        assertThat(note.summary()).isEmpty(); // "summary": null
        assertThat(note.sensitive()).isFalse();
        assertThat(note.contentMap()).containsOnlyKeys("en");
        assertThat(note.content()).isEqualTo(Optional.of(note.contentMap().get("en")));
        assertThat(note.to()).containsExactly(PUBLIC);
        assertThat(note.cc()).hasSize(3).contains(uri("https://lemmy.kde.social/c/kde"));
        assertThat(note.tags())
                .containsExactly(Tag.Mention.of(uri("https://lemmy.kde.social/c/kde"), "@kde@lemmy.kde.social"));

        Attachment image = note.attachments().get(0);
        assertThat(image.type()).isEqualTo("Document");
        assertThat(image.mediaType()).contains("image/jpeg");
        assertThat(image.name())
                .contains(
                        "The KDE dragons Katie and Konqi stand on either side of a pot filling up with gold coins. Donate!");
        assertThat(image.blurhash()).contains("USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc");
        assertThat(image.focalPoint()).contains(FocalPoint.CENTRE);
        assertThat(image.width()).isEqualTo(OptionalInt.of(1500));
        assertThat(image.height()).isEqualTo(OptionalInt.of(1095));
    }

    @Test
    void unlistedReplyAddressedToFollowersWithPublicInCc() {
        Note note = read("mastodon-note-mastodon.madrid-reply-mention.json", Note.class);
        assertThat(note.to()).containsExactly(uri("https://mastodon.madrid/users/felix/followers"));
        assertThat(note.cc()).containsExactly(PUBLIC, uri("https://mamot.fr/users/retiolus"));
        assertThat(note.isPublic()).isTrue();
        assertThat(note.inReplyTo()).contains(uri("https://mamot.fr/users/retiolus/statuses/107224244380204526"));
        assertThat(note.tags())
                .containsExactly(Tag.Mention.of(uri("https://mamot.fr/users/retiolus"), "@retiolus@mamot.fr"));
        assertThat(note.attachments()).isEmpty();
        assertThat(note.published()).contains(Instant.parse("2021-11-05T11:46:50Z"));
    }

    @Test
    void noteWithHashtagAndVideoWithoutDescription() {
        Note note = read("mastodon-note-mastodon.social-hashtag-video.json", Note.class);
        assertThat(note.attributedTo()).isEqualTo(uri("https://mastodon.social/users/emelie"));
        assertThat(note.tags())
                .containsExactly(Tag.Hashtag.of("#mastocats", uri("https://mastodon.social/tags/mastocats")));
        Attachment video = note.attachments().get(0);
        assertThat(video.mediaType()).contains("video/mp4");
        assertThat(video.url())
                .isEqualTo(
                        uri(
                                "https://files.mastodon.social/media_attachments/files/013/049/816/original/e7831178a5e0d6d4.mp4"));
        assertThat(video.name()).isEmpty(); // "name": null
    }

    @Test
    void personWithProfileFieldsSharedInboxAndKey() {
        Actor actor = read("mastodon-person-emelie-mastodon.social.json", Actor.class);
        assertThat(actor.type()).isEqualTo(ActorType.PERSON);
        assertThat(actor.id()).isEqualTo(uri("https://mastodon.social/users/emelie"));
        assertThat(actor.preferredUsername()).contains("emelie");
        assertThat(actor.name()).contains("emelie 🎨");
        assertThat(actor.inbox()).isEqualTo(uri("https://mastodon.social/users/emelie/inbox"));
        assertThat(actor.sharedInbox()).contains(uri("https://mastodon.social/inbox"));
        assertThat(actor.deliveryInbox()).isEqualTo(uri("https://mastodon.social/inbox"));
        assertThat(actor.followers()).contains(uri("https://mastodon.social/users/emelie/followers"));
        assertThat(actor.featured()).contains(uri("https://mastodon.social/users/emelie/collections/featured"));
        assertThat(actor.url()).contains(uri("https://mastodon.social/@emelie"));
        assertThat(actor.fields())
                .hasSize(4)
                .first()
                .extracting(PropertyValue::name)
                .isEqualTo("Ko-fi");
        assertThat(actor.fields().get(0).value()).contains("ko-fi.com/emeliepng");
        assertThat(actor.tags()).hasSize(4).allMatch(t -> t instanceof Tag.Hashtag);
        assertThat(actor.icon().orElseThrow().mediaType()).contains("image/png");
        assertThat(actor.image()).isPresent();
        PublicKey key = actor.publicKey().orElseThrow();
        assertThat(key.id()).isEqualTo(uri("https://mastodon.social/users/emelie#main-key"));
        assertThat(key.owner()).isEqualTo(actor.id());
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMIIBIjAN");
        assertThat(actor.publicKey(key.id())).contains(key);
    }

    @Test
    void personFromActivityPubAcademyWithDeviceTermsInContext() {
        Actor actor = read("mastodon-person-activitypub.academy.json", Actor.class);
        assertThat(actor.preferredUsername()).contains("brauca_darradiul");
        assertThat(actor.featuredTags())
                .contains(uri("https://activitypub.academy/users/brauca_darradiul/collections/tags"));
        assertThat(actor.discoverable()).isFalse();
        assertThat(actor.manuallyApprovesFollowers()).isFalse();
        assertThat(actor.published()).contains(Instant.parse("2024-09-12T00:00:00Z"));
        assertThat(actor.sharedInbox()).contains(uri("https://activitypub.academy/inbox"));
        // This server flattened the PEM's line breaks to spaces; Herald keeps the text as published.
        assertThat(actor.publicKey().orElseThrow().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY----- MIIB");
    }

    @Test
    void personWithTheFullMastodonInlineContext() {
        ReadDocument doc = read("mastodon-person-masto.qa-full-context.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST);
        Actor actor = doc.as(Actor.class).orElseThrow();
        assertThat(actor.id()).isEqualTo(uri("https://masto.qa.urbanwildlife.biz/users/mastodon"));
        assertThat(actor.name()).contains("Mastodon");
        assertThat(actor.summary()).contains("");
        assertThat(actor.outbox()).contains(uri("https://masto.qa.urbanwildlife.biz/users/mastodon/outbox"));
        assertThat(actor.icon().orElseThrow().url().toString()).endsWith("/original/2cf61ff96e94cb1d.png");
        assertThat(actor.publicKey().orElseThrow().id())
                .isEqualTo(uri("https://masto.qa.urbanwildlife.biz/users/mastodon#main-key"));
        assertThat(actor.tags()).isEmpty();
        assertThat(actor.fields()).isEmpty();
    }

    @Test
    void personFromMastodonsOwnSpecFixture() {
        Actor actor = read("mastodon-spec-person-ap.example.com.json", Actor.class);
        assertSpecPerson(actor);
    }

    @Test
    void rawActorResponseWithHeaders() {
        String raw = Vectors.read("objects/mastodon-spec-activitypub-actor.http.txt");
        int split = raw.indexOf("\n\n");
        String headers = raw.substring(0, split);
        String body = raw.substring(split + 2);
        assertThat(headers).contains("Content-Type: application/activity+json; charset=utf-8");

        Actor actor = DocumentReader.create().read(body).as(Actor.class).orElseThrow();
        assertSpecPerson(actor);
        // The body escapes HTML as \u003c; it reads the same as the pretty-printed fixture.
        assertThat(actor).isEqualTo(read("mastodon-spec-person-ap.example.com.json", Actor.class));
    }

    private static void assertSpecPerson(Actor actor) {
        assertThat(actor.id()).isEqualTo(uri("https://ap.example.com/users/foo"));
        assertThat(actor.preferredUsername()).contains("foo");
        assertThat(actor.name()).contains("");
        assertThat(actor.summary()).contains("<p>test</p>");
        assertThat(actor.inbox()).isEqualTo(uri("https://ap.example.com/users/foo/inbox"));
        assertThat(actor.sharedInbox()).contains(uri("https://ap.example.com/inbox"));
        assertThat(actor.following()).contains(uri("https://ap.example.com/users/foo/following"));
        assertThat(actor.icon().orElseThrow().url())
                .isEqualTo(uri("https://quitter.no/avatar/7477-300-20160211190340.png"));
        PublicKey key = actor.publicKey().orElseThrow();
        assertThat(key.id()).isEqualTo(uri("https://ap.example.com/users/foo#main-key"));
        assertThat(key.owner()).isEqualTo(actor.id());
        assertThat(key.publicKeyPem()).endsWith("HQIDAQAB\n-----END PUBLIC KEY-----\n");
    }
}
