package dev.herald.core.jsonld;

import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.Addressing;
import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.FocalPoint;
import dev.herald.core.vocab.Image;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.core.vocab.PropertyValue;
import dev.herald.core.vocab.PublicKey;
import dev.herald.core.vocab.Tag;
import java.net.URI;
import java.time.Instant;

/** Objects as a site publishing through Herald would build them. */
final class Samples {
    static final URI ACTOR = URI.create("https://example.org/ap/actor");
    static final URI FOLLOWERS = URI.create("https://example.org/ap/actor/followers");
    static final String PEM =
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu3L4vnpNLzVH31MeWI39\n"
                    + "-----END PUBLIC KEY-----\n";

    private Samples() {}

    /** The site's Organization actor. */
    static Actor organization() {
        return Actor.builder(ACTOR, ActorType.ORGANIZATION, URI.create("https://example.org/ap/actor/inbox"))
                .preferredUsername("news")
                .name("Example Foundation")
                .summary("<p>News from the Example Foundation.</p>")
                .url(URI.create("https://example.org/"))
                .outbox(URI.create("https://example.org/ap/actor/outbox"))
                .followers(FOLLOWERS)
                .following(URI.create("https://example.org/ap/actor/following"))
                .featured(URI.create("https://example.org/ap/actor/featured"))
                .sharedInbox(URI.create("https://example.org/ap/inbox"))
                .icon(new Image(
                        URI.create("https://example.org/logo.png"),
                        java.util.Optional.of("image/png"),
                        java.util.Optional.of("The Example Foundation logo: a blue star")))
                .addPublicKey(new PublicKey(URI.create("https://example.org/ap/actor#main-key"), ACTOR, PEM))
                .addField(new PropertyValue("Website", "<a href=\"https://example.org/\" rel=\"me\">example.org</a>"))
                .discoverable(true)
                .indexable(true)
                .published(Instant.parse("2025-01-01T00:00:00Z"))
                .addAttributionDomain("example.org")
                .build();
    }

    /** A public note with a content warning, a hashtag and an image with alt text. */
    static Note noteWithWarningHashtagAndImage() {
        return Note.builder(URI.create("https://example.org/ap/notes/1"), NoteType.NOTE, ACTOR)
                .contentWarning("Flashing colours")
                .content("<p>Our new logo! <a href=\"https://example.org/tags/design\" class=\"mention hashtag\""
                        + " rel=\"tag\">#<span>design</span></a></p>")
                .url(URI.create("https://example.org/news/new-logo"))
                .published(Instant.parse("2025-03-01T12:00:00Z"))
                .addTo(Addressing.PUBLIC)
                .addCc(FOLLOWERS)
                .addTag(Tag.Hashtag.of("#design", URI.create("https://example.org/tags/design")))
                .addAttachment(Attachment.image(
                                URI.create("https://example.org/media/logo.png"),
                                "image/png",
                                "A blue star on a white background")
                        .size(1200, 630)
                        .blurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                        .focalPoint(new FocalPoint(0, 0.25))
                        .build())
                .build();
    }

    /** The Create that delivers {@link #noteWithWarningHashtagAndImage()}. */
    static Activity create(Note note) {
        return Activity.builder(ActivityType.CREATE, ACTOR)
                .id(URI.create(note.id() + "/activity"))
                .object(note)
                .addTo(Addressing.PUBLIC)
                .addCc(FOLLOWERS)
                .published(note.published().orElseThrow())
                .build();
    }
}
