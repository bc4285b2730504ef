package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JrdTest {
    private static final URI ACTOR = URI.create("https://www.example.org/actor");

    private static Jrd mastodonLike() {
        return Jrd.builder()
                .subject("acct:org@example.org")
                .alias(ACTOR)
                .alias("https://www.example.org/@org")
                .property("http://schema.org/name", "Example")
                .property("http://example.org/empty", null)
                .profilePage(URI.create("https://www.example.org/@org"))
                .activityPubActor(ACTOR)
                .subscribeTemplate("https://www.example.org/authorize_interaction?uri={uri}")
                .build();
    }

    @Test
    void findsTheActivityPubActor() {
        assertThat(mastodonLike().activityPubActor()).contains(ACTOR);
    }

    @Test
    void ignoresSelfLinksThatAreNotActivityPubOrNotHttp() {
        Jrd jrd = Jrd.builder()
                .link(Link.builder("self")
                        .type("text/html")
                        .href("https://example.org/html")
                        .build())
                .link(Link.builder("self")
                        .type(Link.ACTIVITY_JSON)
                        .href("not a uri")
                        .build())
                .link(Link.builder("self")
                        .type(Link.ACTIVITY_JSON)
                        .href("ftp://example.org/x")
                        .build())
                .link(Link.builder("self")
                        .type(Link.LD_JSON_ACTIVITYSTREAMS)
                        .href("https://example.org/ld")
                        .build())
                .build();

        assertThat(jrd.activityPubActor()).contains(URI.create("https://example.org/ld"));
    }

    @Test
    void hasNoActorWithoutASelfLink() {
        assertThat(Jrd.builder().subject("acct:a@b.example").build().activityPubActor())
                .isEmpty();
    }

    @Test
    void filtersLinksByRelAndKeepsEverythingElse() {
        Jrd filtered = mastodonLike().withRels(List.of("self", Link.REL_SUBSCRIBE));

        assertThat(filtered.links()).extracting(Link::rel).containsExactly("self", Link.REL_SUBSCRIBE);
        assertThat(filtered.subject()).contains("acct:org@example.org");
        assertThat(filtered.aliases()).hasSize(2);
        assertThat(filtered.properties()).hasSize(2);
    }

    @Test
    void filteringByAnUnknownRelLeavesNoLinks() {
        assertThat(mastodonLike()
                        .withRels(List.of("http://example.org/nothing"))
                        .links())
                .isEmpty();
    }

    @Test
    void noRelFilterKeepsAllLinks() {
        assertThat(mastodonLike().withRels(List.of())).isEqualTo(mastodonLike());
    }

    @Test
    void findsLinksByRel() {
        Jrd jrd = mastodonLike();

        assertThat(jrd.link(Link.REL_PROFILE_PAGE).flatMap(Link::href)).contains("https://www.example.org/@org");
        assertThat(jrd.links("self")).hasSize(1);
        assertThat(jrd.link("http://example.org/none")).isEmpty();
    }

    @Test
    void writesMastodonsShapeWithoutEscapingSlashes() {
        String json = mastodonLike().toJsonString();

        assertThat(json)
                .startsWith("{\"subject\":\"acct:org@example.org\",\"aliases\":[")
                .contains("\"properties\":{\"http://schema.org/name\":\"Example\",\"http://example.org/empty\":null}")
                .contains("{\"rel\":\"self\",\"type\":\"application/activity+json\","
                        + "\"href\":\"https://www.example.org/actor\"}")
                .contains("{\"rel\":\"http://ostatus.org/schema/1.0/subscribe\","
                        + "\"template\":\"https://www.example.org/authorize_interaction?uri={uri}\"}")
                .doesNotContain("\\/");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        Jrd jrd = mastodonLike().toBuilder()
                .link(Link.builder("x").title("en", "T").property("p", null).build())
                .build();

        assertThat(Jrd.parse(jrd.toJson())).isEqualTo(jrd).hasSameHashCodeAs(jrd);
    }

    @Test
    void writesAnEmptyLinksArrayWhenThereAreNoLinks() {
        assertThat(Jrd.builder().subject("acct:a@b.example").build().toJsonString())
                .isEqualTo("{\"subject\":\"acct:a@b.example\",\"links\":[]}");
    }

    @Test
    void parsesTheSubjectAsAResourceWhenItIsOne() {
        assertThat(mastodonLike().subjectResource()).contains(Resource.parse("acct:org@example.org"));
        assertThat(Jrd.builder().subject("urn:x").build().subjectResource()).isEmpty();
        assertThat(Jrd.builder().build().subjectResource()).isEmpty();
    }

    @Test
    void isImmutable() {
        Jrd jrd = mastodonLike();

        assertThatThrownBy(() -> jrd.aliases().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> jrd.links().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> jrd.properties().put("k", Optional.empty()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> jrd.links("self").clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderRejectsBlankSubjectAndAliases() {
        assertThatThrownBy(() -> Jrd.builder().subject("")).hasMessageContaining("subject");
        assertThatThrownBy(() -> Jrd.builder().alias(" ")).hasMessageContaining("alias");
        assertThatThrownBy(() -> Jrd.builder().link(null)).hasMessageContaining("link");
    }
}
