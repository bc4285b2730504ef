package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/activity+json",
                "Application/Activity+JSON",
                "application/activity+json; charset=utf-8",
                "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
                "application/ld+json;profile=\"https://www.w3.org/ns/activitystreams\"",
                "application/ld+json; profile=https://www.w3.org/ns/activitystreams",
                "application/ld+json; PROFILE=\"https://example.org/p https://www.w3.org/ns/activitystreams\"",
            })
    void recognisesActivityPubMediaTypes(String type) {
        assertThat(Link.isActivityPubMediaType(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/ld+json",
                "application/ld+json; profile=\"https://example.org/other\"",
                "text/html",
                "application/activity+jsonx",
                "",
            })
    void rejectsOtherMediaTypes(String type) {
        assertThat(Link.isActivityPubMediaType(type)).isFalse();
    }

    @Test
    void nullIsNotAnActivityPubMediaType() {
        assertThat(Link.isActivityPubMediaType(null)).isFalse();
    }

    @Test
    void activityPubSelfLinkHasTheTypeMastodonExpects() {
        Link link = Link.activityPubSelf(URI.create("https://example.org/actor"));

        assertThat(link.rel()).isEqualTo("self");
        assertThat(link.type()).contains("application/activity+json");
        assertThat(link.href()).contains("https://example.org/actor");
        assertThat(link.isActivityPubSelf()).isTrue();
    }

    @Test
    void selfLinkWithoutAnActivityPubTypeIsNotTheActor() {
        assertThat(Link.builder("self").href("https://example.org/x").build().isActivityPubSelf())
                .isFalse();
        assertThat(Link.builder("self")
                        .type("text/html")
                        .href("https://example.org/x")
                        .build()
                        .isActivityPubSelf())
                .isFalse();
    }

    @Test
    void registeredRelationTypesCompareWithoutCaseButUrisExactly() {
        Link self = Link.builder("SELF").build();
        Link profile = Link.builder(Link.REL_PROFILE_PAGE).build();

        assertThat(self.hasRel("self")).isTrue();
        assertThat(profile.hasRel("http://webfinger.net/rel/profile-page")).isTrue();
        assertThat(profile.hasRel("HTTP://WEBFINGER.NET/rel/profile-page")).isFalse();
        assertThat(profile.hasRel(null)).isFalse();
    }

    @Test
    void subscribeTemplateMustContainUriPlaceholder() {
        assertThat(Link.subscribe("https://example.org/follow?uri={uri}").template())
                .contains("https://example.org/follow?uri={uri}");
        assertThatThrownBy(() -> Link.subscribe("https://example.org/follow"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{uri}");
    }

    @Test
    void hrefUriIsEmptyForRelativeOrInvalidHrefs() {
        assertThat(Link.builder("x").href("not a uri").build().hrefUri()).isEmpty();
        assertThat(Link.builder("x").href("/relative").build().hrefUri()).isEmpty();
        assertThat(Link.builder("x").build().hrefUri()).isEmpty();
        assertThat(Link.builder("x")
                        .href("data:application/magic-public-key,RSA.x")
                        .build()
                        .hrefUri())
                .isPresent();
    }

    @Test
    void keepsTitlesAndNullablePropertiesImmutably() {
        Link link = Link.builder("x")
                .title("en", "Example")
                .property("http://example.org/p", null)
                .property("http://example.org/q", "v")
                .build();

        assertThat(link.titles()).containsEntry("en", "Example");
        assertThat(link.properties())
                .containsEntry("http://example.org/p", Optional.empty())
                .containsEntry("http://example.org/q", Optional.of("v"));
        assertThatThrownBy(() -> link.titles().put("de", "Beispiel")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(link.toBuilder().build()).isEqualTo(link).hasSameHashCodeAs(link);
    }

    @Test
    void builderRejectsBlankValuesNamingTheParameter() {
        assertThatThrownBy(() -> Link.builder(" ")).hasMessageContaining("rel");
        assertThatThrownBy(() -> Link.builder("x").type("")).hasMessageContaining("type");
        assertThatThrownBy(() -> Link.builder("x").href((String) null)).hasMessageContaining("href");
    }
}
