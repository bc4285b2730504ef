package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorProfileTest {
    @ParameterizedTest
    @ValueSource(strings = {"news", "PSF", "a", "python_org", "abcdefghijklmnopqrstuvwxyz1234", "n3ws"})
    void acceptsMastodonAndBridgySafeUsernames(String username) {
        assertThat(ActorProfile.builder(username).build().username()).isEqualTo(username);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "example.org",
                "news-room",
                "_news",
                "news_",
                "with space",
                "ünicode",
                "a@b",
                "abcdefghijklmnopqrstuvwxyz12345",
                "instance",
                "INSTANCE"
            })
    void refusesOtherUsernamesSayingWhatIsAllowed(String username) {
        assertThatThrownBy(() -> ActorProfile.builder(username))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("username");
    }

    @Test
    void defaultsSuitAnOrganisationThatAcceptsFollowers() {
        ActorProfile profile = ActorProfile.builder("news").build();
        assertThat(profile.type().jsonName()).isEqualTo("Organization");
        assertThat(profile.manuallyApprovesFollowers()).isFalse();
        assertThat(profile.discoverable()).isTrue();
        assertThat(profile.indexable()).isTrue();
        assertThat(profile.hideFollowers()).isFalse();
        assertThat(profile.published()).isEmpty();
    }

    @Test
    void picturesNeedAnImageMediaTypeAndAnHttpUrl() {
        ActorProfile.Builder builder = ActorProfile.builder("news");
        assertThatThrownBy(() -> builder.icon(URI.create("https://example.org/a.png"), "text/html", "alt"))
                .hasMessageContaining("image type");
        assertThatThrownBy(() -> builder.icon(URI.create("file:///etc/passwd"), "image/png", "alt"))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> builder.header(URI.create("relative.png"), "image/png", "alt"))
                .hasMessageContaining("absolute");
    }

    @Test
    void limitsFollowWhatMastodonKeeps() {
        ActorProfile.Builder builder = ActorProfile.builder("news");
        assertThatThrownBy(() -> builder.name("x".repeat(2049))).hasMessageContaining("2048");
        assertThatThrownBy(() -> builder.summary("x".repeat(20 * 1024 + 1))).hasMessageContaining("20 KiB");
        for (int i = 0; i < 20; i++) {
            builder.addField("f" + i, "v");
        }
        assertThatThrownBy(() -> builder.addField("one", "too many")).hasMessageContaining("at most 20");
        assertThatThrownBy(() -> builder.addAttributionDomain("https://example.org/"))
                .hasMessageContaining("host name");
    }

    @Test
    void toBuilderCopiesEverything() {
        ActorProfile news = TestFederations.news();
        ActorProfile copy = news.toBuilder().build();
        assertThat(copy.name()).isEqualTo(news.name());
        assertThat(copy.fields()).isEqualTo(news.fields());
        assertThat(copy.icon()).isEqualTo(news.icon());
        assertThat(copy.alsoKnownAs()).isEqualTo(news.alsoKnownAs());
        assertThat(copy.attributionDomains()).isEqualTo(news.attributionDomains());
        assertThat(copy.toString()).isEqualTo("ActorProfile[Organization news]");
    }

    @Test
    void theLargestProfileStillMakesAnActorDocumentUnderOneMegabyte() {
        ActorProfile.Builder builder = ActorProfile.builder("news")
                .name("n".repeat(2048))
                .summary("s".repeat(20 * 1024))
                .icon(URI.create("https://www.example.org/" + "i".repeat(2000)), "image/png", "a".repeat(2048))
                .header(URI.create("https://www.example.org/" + "h".repeat(2000)), "image/png", "a".repeat(2048));
        for (int i = 0; i < 20; i++) {
            builder.addField("f".repeat(2048), "v".repeat(2048));
        }
        for (int i = 0; i < 256; i++) {
            builder.addAlsoKnownAs(URI.create("https://alias" + i + ".example/" + "u".repeat(1500)));
            builder.addAttributionDomain("d" + i + "." + "x".repeat(200) + ".example");
        }
        Federation federation = Federation.builder()
                .origin(TestFederations.ORIGIN)
                .addActor(builder.build())
                .store(TestFederations.store())
                .build();
        dev.herald.core.http.HeraldResponse response =
                TestFederations.answer(federation, TestFederations.apGet("/ap/actors/news"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyLength()).isLessThan(1_000_000);
    }
}
