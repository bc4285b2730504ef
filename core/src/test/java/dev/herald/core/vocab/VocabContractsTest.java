package dev.herald.core.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The vocabulary's promises: no nulls, absolute URIs, immutable values, errors that name the parameter. */
class VocabContractsTest {
    private static final URI ACTOR = URI.create("https://example.org/ap/actor");
    private static final URI INBOX = URI.create("https://example.org/ap/actor/inbox");

    @Test
    void buildersRejectNullsAndRelativeUrisNamingTheParameter() {
        assertThatThrownBy(() -> Actor.builder(null, ActorType.SERVICE, INBOX))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("id");
        assertThatThrownBy(() -> Actor.builder(ACTOR, ActorType.SERVICE, URI.create("/inbox")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inbox must be an absolute URI");
        assertThatThrownBy(() -> Note.builder(URI.create("https://example.org/n"), NoteType.NOTE, ACTOR)
                        .addTo(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("recipient");
        assertThatThrownBy(() -> Note.builder(URI.create("https://example.org/n"), NoteType.NOTE, ACTOR)
                        .contentWarning(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warning");
        assertThatThrownBy(() -> new Tag.Hashtag("", Optional.empty())).hasMessageContaining("name");
        assertThatThrownBy(() -> Actor.builder(ACTOR, ActorType.SERVICE, INBOX).preferredUsername(""))
                .hasMessageContaining("preferredUsername");
    }

    @Test
    void recordsCopyTheirListsAndRejectNullElements() {
        List<URI> to = new ArrayList<>(List.of(Addressing.PUBLIC));
        GenericObject object = new GenericObject(
                Optional.empty(),
                "Page",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                to,
                List.of());
        to.clear();
        assertThat(object.to()).containsExactly(Addressing.PUBLIC);
        assertThatThrownBy(() -> object.to().add(ACTOR)).isInstanceOf(UnsupportedOperationException.class);
        List<URI> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> new GenericObject(
                        Optional.empty(),
                        "Page",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        withNull,
                        List.of()))
                .hasMessageContaining("to must not contain null");
    }

    @Test
    void valueRangesAreChecked() {
        assertThatThrownBy(() -> new FocalPoint(1.5, 0)).hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> new FocalPoint(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attachment.builder("Image", ACTOR).size(0, 10)).hasMessageContaining("positive");
        assertThatThrownBy(() ->
                        Collection.builder(CollectionType.ORDERED_COLLECTION).totalItems(-1))
                .hasMessageContaining("negative");
    }

    @Test
    void typeNamesMapBothWays() {
        for (ActorType type : ActorType.values()) {
            assertThat(ActorType.fromJsonName(type.jsonName())).contains(type);
        }
        for (ActivityType type : ActivityType.values()) {
            assertThat(ActivityType.fromJsonName(type.jsonName())).contains(type);
        }
        for (CollectionType type : CollectionType.values()) {
            assertThat(CollectionType.fromJsonName(type.jsonName())).contains(type);
        }
        assertThat(NoteType.fromJsonName("Article")).contains(NoteType.ARTICLE);
        assertThat(ActorType.fromJsonName("person")).isEmpty();
        assertThat(CollectionType.ORDERED_COLLECTION_PAGE.ordered()).isTrue();
        assertThat(CollectionType.COLLECTION.page()).isFalse();
    }

    @Test
    void objectReferencesExposeTheIdEitherWay() {
        Note note = Note.builder(URI.create("https://example.org/n"), NoteType.NOTE, ACTOR)
                .build();
        assertThat(ObjectRef.of(note).id()).contains(note.id());
        assertThat(ObjectRef.of(note).embedded()).contains(note);
        assertThat(ObjectRef.of(ACTOR).id()).contains(ACTOR);
        assertThat(ObjectRef.of(ACTOR).embedded()).isEmpty();
        assertThat(ObjectRef.of(Activity.builder(ActivityType.FOLLOW, ACTOR).build())
                        .id())
                .isEmpty();
        assertThat(ObjectRef.of(Tombstone.of(ACTOR)).id()).contains(ACTOR);
        assertThat(ObjectRef.of(new PublicKey(ACTOR, ACTOR, "pem")).id()).contains(ACTOR);
        assertThat(ObjectRef.of(Actor.builder(ACTOR, ActorType.PERSON, INBOX).build())
                        .id())
                .contains(ACTOR);
        assertThat(ObjectRef.of(Collection.builder(CollectionType.COLLECTION).build())
                        .id())
                .isEmpty();
        assertThat(ObjectRef.of(GenericObject.builder("Page").id(ACTOR).build()).id())
                .contains(ACTOR);
    }

    @Test
    void conveniencesAnswerTheUsualQuestions() {
        Actor actor = Actor.builder(ACTOR, ActorType.ORGANIZATION, INBOX).build();
        assertThat(actor.deliveryInbox()).isEqualTo(INBOX);
        assertThat(actor.publicKey()).isEmpty();
        URI shared = URI.create("https://example.org/ap/inbox");
        assertThat(actor.toBuilder().sharedInbox(shared).build().deliveryInbox())
                .isEqualTo(shared);
        assertThat(actor.toBuilder().build()).isEqualTo(actor);
        assertThat(actor.typeName()).isEqualTo("Organization");

        Note note = Note.builder(URI.create("https://example.org/n"), NoteType.NOTE, ACTOR)
                .addCc(Addressing.PUBLIC)
                .build();
        assertThat(note.isPublic()).isTrue();
        assertThat(note.toBuilder().build()).isEqualTo(note);
        assertThat(Addressing.isPublic(Addressing.PUBLIC)).isTrue();

        Activity flag = Activity.builder(ActivityType.FLAG, ACTOR)
                .object(ACTOR)
                .object(note)
                .build();
        assertThat(flag.object()).contains(ObjectRef.of(ACTOR));
        assertThat(flag.objectId()).contains(ACTOR);
        assertThat(flag.objects()).hasSize(2);
    }
}
