package dev.herald.core.jsonld;

import static dev.herald.core.jsonld.Corpus.PUBLIC;
import static dev.herald.core.jsonld.Corpus.read;
import static dev.herald.core.jsonld.Corpus.uri;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Actor;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.FocalPoint;
import dev.herald.core.vocab.GenericObject;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.ObjectRef;
import dev.herald.core.vocab.Tag;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** GoToSocial, Pleroma, Misskey and Lemmy documents from the shared corpus. */
class FediverseObjectsTest {

    @Test
    void goToSocialPersonWithKeyAtAPathAndAltTextOnAvatar() {
        Actor actor = read("gotosocial-person-zork.json", Actor.class);
        assertThat(actor.id()).isEqualTo(uri("http://localhost:8080/users/the_mighty_zork"));
        assertThat(actor.preferredUsername()).contains("the_mighty_zork");
        assertThat(actor.name()).contains("original zork (he/they)");
        assertThat(actor.discoverable()).isTrue();
        assertThat(actor.featured()).contains(uri("http://localhost:8080/users/the_mighty_zork/collections/featured"));
        assertThat(actor.icon().orElseThrow().name()).contains("a green goblin looking nasty");
        assertThat(actor.image().orElseThrow().mediaType()).contains("image/jpeg");
        assertThat(actor.sharedInbox()).isEmpty();
        assertThat(actor.deliveryInbox()).isEqualTo(uri("http://localhost:8080/users/the_mighty_zork/inbox"));
        assertThat(actor.publicKey().orElseThrow().id())
                .isEqualTo(uri("http://localhost:8080/users/the_mighty_zork/main-key"));
        assertThat(actor.published()).contains(Instant.parse("2022-05-20T11:09:18Z"));
    }

    @Test
    void goToSocialNoteWithAltTextInSummaryEmojiAndHashtag() {
        Note note = read("gotosocial-note-emoji-hashtag-image.json", Note.class);
        assertThat(note.attributedTo()).isEqualTo(uri("http://localhost:8080/users/admin"));
        assertThat(note.to()).containsExactly(PUBLIC); // a single string, not an array
        assertThat(note.cc()).containsExactly(uri("http://localhost:8080/users/admin/followers"));
        Attachment image = note.attachments().get(0);
        assertThat(image.type()).isEqualTo("Image");
        assertThat(image.name()).contains("Black and white image of some 50's style text saying: Welcome On Board");
        assertThat(image.blurhash()).contains("LIIE|gRj00WB-;j[t7j[4nWBj[Rj");
        assertThat(image.focalPoint()).contains(new FocalPoint(-0.5, 0.5));
        assertThat(note.tags()).hasSize(2);
        Tag.Emoji emoji = (Tag.Emoji) note.tags().get(0);
        assertThat(emoji.name()).isEqualTo(":rainbow:");
        assertThat(emoji.icon().mediaType()).contains("image/png");
        assertThat(emoji.updated()).contains(Instant.parse("2021-09-20T10:40:37Z"));
        assertThat(note.tags().get(1)).isEqualTo(Tag.Hashtag.of("#welcome", uri("http://localhost:8080/tags/welcome")));
    }

    @Test
    void goToSocialNoteWithContentWarningAndSingleStringAudience() {
        Note note = read("gotosocial-note-cw-sensitive.json", Note.class);
        assertThat(note.summary()).contains("introduction post");
        assertThat(note.sensitive()).isTrue();
        assertThat(note.to()).containsExactly(PUBLIC);
        assertThat(note.cc()).containsExactly(uri("http://localhost:8080/users/the_mighty_zork/followers"));
        assertThat(note.content()).contains("<p>hello everyone!</p>");
        assertThat(note.published()).contains(Instant.parse("2021-10-20T10:40:37Z")); // +02:00 in the document
    }

    @Test
    void pleromaNoteWithPerInstanceLitepubContextAndUndeterminedLanguage() {
        ReadDocument doc = read("pleroma-note-litepub-context.json");
        assertThat(doc.path()).isEqualTo(ReadDocument.Path.FAST); // without LitePub registered
        Note note = doc.as(Note.class).orElseThrow();
        assertThat(note.attributedTo()).isEqualTo(uri("https://social.sakamoto.gq/users/eal"));
        assertThat(note.summary()).contains(""); // an empty string, not null
        assertThat(note.content()).hasValueSatisfying(c -> assertThat(c).endsWith("What&#39;s bad about nukes?"));
        assertThat(note.contentMap()).isEmpty();
        assertThat(note.inReplyTo()).contains(uri("https://busshi.moe/users/tuxcrafting/statuses/104410921027210069"));
        assertThat(note.to()).hasSize(6).contains(PUBLIC);
        assertThat(note.tags()).hasSize(5).allMatch(t -> t instanceof Tag.Mention);
        assertThat(note.tags())
                .contains(Tag.Mention.of(uri("https://blob.cat/users/blobyoumu"), "@blobyoumu@blob.cat"));
        assertThat(note.published()).contains(Instant.parse("2020-06-26T15:20:15.975737Z"));
    }

    @Test
    void pleromaPersonWithEmojiInNameAndAliases() {
        Actor actor = read("pleroma-person-lemmy-assets.json", Actor.class);
        assertThat(actor.preferredUsername()).contains("lanodan");
        assertThat(actor.name()).contains("Haelwenn /элвэн/ :bzh: ");
        assertThat(actor.sharedInbox()).contains(uri("https://queer.hacktivis.me/inbox"));
        assertThat(actor.alsoKnownAs()).isEmpty();
        assertThat(actor.featured()).contains(uri("https://queer.hacktivis.me/users/lanodan/collections/featured"));
        assertThat(actor.tags()).hasSize(3).allMatch(t -> t instanceof Tag.Emoji);
        assertThat(actor.publicKey().orElseThrow().publicKeyPem()).endsWith("-----END PUBLIC KEY-----\n\n");
        assertThat(actor.url()).contains(uri("https://queer.hacktivis.me/users/lanodan"));
    }

    @Test
    void misskeyLikeCarriesTheReactionAsContent() {
        Activity like = read("misskey-like-reaction.json", Activity.class);
        assertThat(like.type()).isEqualTo(ActivityType.LIKE);
        assertThat(like.actor()).isEqualTo(uri("http://mastodon.example.org/users/admin"));
        assertThat(like.object())
                .contains(
                        ObjectRef.of(uri("https://testing.pleroma.lol/objects/c331bbf7-2eb9-4801-a709-2a6103492a5a")));
        assertThat(like.content()).contains("pudding");
        assertThat(like.cc()).containsExactly(uri("https://testing.pleroma.lol/users/lain"));
    }

    @Test
    void misskeyPollReadsAsGenericQuestion() {
        ReadDocument doc = read("misskey-question-poll.json");
        GenericObject poll = doc.as(GenericObject.class).orElseThrow();
        assertThat(poll.type()).isEqualTo("Question");
        assertThat(poll.id()).contains(uri("https://skippers-bin.com/notes/7x9tmrp97i"));
        assertThat(poll.attributedTo()).contains(uri("https://skippers-bin.com/users/7v1w1r8ce6"));
        assertThat(poll.content()).hasValueSatisfying(c -> assertThat(c).contains("How are your notifications now?"));
        assertThat(poll.to()).containsExactly(PUBLIC);
        assertThat(poll.published()).contains(Instant.parse("2019-09-05T05:35:32.541Z"));
        // The options and Misskey's own keys stay reachable in the raw JSON.
        assertThat(doc.json().getJsonArray("oneOf")).hasSize(2);
        assertThat(doc.json().getString("_misskey_content")).startsWith("@march@marchgenso.me");
    }

    @Test
    void lemmyPageReadsAsGenericObjectWithTitleAndCommunity() {
        GenericObject page = read("lemmy-page-post.json", GenericObject.class);
        assertThat(page.type()).isEqualTo("Page");
        assertThat(page.id()).contains(uri("https://enterprise.lemmy.ml/post/55143"));
        assertThat(page.name()).contains("Post title");
        assertThat(page.attributedTo()).contains(uri("https://enterprise.lemmy.ml/u/picard"));
        assertThat(page.content()).contains("<p>This is a post in the /c/tenforward community</p>\n");
        assertThat(page.to()).containsExactly(uri("https://enterprise.lemmy.ml/c/tenforward"), PUBLIC);
    }

    @Test
    void lemmyCommentIsANoteReplyingToThePost() {
        Note comment = read("lemmy-note-comment.json", Note.class);
        assertThat(comment.inReplyTo()).contains(uri("https://enterprise.lemmy.ml/post/55143"));
        assertThat(comment.attributedTo()).isEqualTo(uri("https://enterprise.lemmy.ml/u/picard"));
        assertThat(comment.tags())
                .containsExactly(
                        Tag.Mention.of(uri("https://enterprise.lemmy.ml/u/picard"), "@picard@enterprise.lemmy.ml"),
                        Tag.Mention.of(
                                uri("https://enterprise.lemmy.ml/c/tenforward"), "@tenforward@enterprise.lemmy.ml"));
        assertThat(comment.updated()).contains(Instant.parse("2021-03-01T13:43:03.955787Z"));
    }

    @Test
    void lemmyCommunityIsAGroupWithoutContext() {
        ReadDocument doc = read("lemmy-group-community.json");
        assertThat(doc.json().containsKey("@context")).isFalse();
        Actor group = doc.as(Actor.class).orElseThrow();
        assertThat(group.type()).isEqualTo(ActorType.GROUP);
        assertThat(group.preferredUsername()).contains("tenforward");
        assertThat(group.name()).contains("Ten Forward");
        assertThat(group.featured()).contains(uri("https://enterprise.lemmy.ml/c/tenforward//featured"));
        assertThat(group.sharedInbox()).contains(uri("https://enterprise.lemmy.ml/inbox"));
        assertThat(group.publicKey().orElseThrow().owner()).isEqualTo(group.id());
        assertThat(group.updated()).contains(Instant.parse("2021-03-10T17:18:10.498868Z"));
        assertThat(group.tags()).isEmpty(); // Lemmy's CommunityPostTag is not a Herald tag
    }

    @Test
    void lemmyPerson() {
        Actor person = read("lemmy-person.json", Actor.class);
        assertThat(person.id()).isEqualTo(uri("https://enterprise.lemmy.ml/u/picard"));
        assertThat(person.name()).contains("Jean-Luc Picard");
        assertThat(person.icon().orElseThrow().url())
                .isEqualTo(uri("https://enterprise.lemmy.ml/pictrs/image/ed9ej7.jpg"));
        assertThat(person.image()).isPresent();
        assertThat(person.outbox()).contains(uri("https://enterprise.lemmy.ml/u/picard/outbox"));
        assertThat(person.publicKey().orElseThrow().id())
                .isEqualTo(uri("https://enterprise.lemmy.ml/u/picard#main-key"));
    }

    @Test
    void lemmyAnnounceWrapsCreateOfPage() {
        Activity announce = read("lemmy-announce-create-page.json", Activity.class);
        assertThat(announce.type()).isEqualTo(ActivityType.ANNOUNCE);
        assertThat(announce.actor()).isEqualTo(uri("http://enterprise.lemmy.ml/c/main"));
        assertThat(announce.cc()).containsExactly(uri("http://enterprise.lemmy.ml/c/main/followers"));
        Activity create = (Activity) announce.object().orElseThrow().embedded().orElseThrow();
        assertThat(create.type()).isEqualTo(ActivityType.CREATE);
        assertThat(create.actor()).isEqualTo(uri("http://enterprise.lemmy.ml/u/lemmy_beta"));
        GenericObject page =
                (GenericObject) create.object().orElseThrow().embedded().orElseThrow();
        assertThat(page.type()).isEqualTo("Page");
        assertThat(page.name()).contains("post 4");
        assertThat(create.objectId()).contains(uri("http://enterprise.lemmy.ml/post/7"));
    }
}
