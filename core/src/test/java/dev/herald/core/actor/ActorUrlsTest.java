package dev.herald.core.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActorUrlsTest {
    private final ActorUrls urls = ActorUrls.of(URI.create("https://www.example.org"), "/ap");

    @Test
    void laysOutEveryDocumentUnderTheBasePath() {
        assertThat(urls.actor("news")).hasToString("https://www.example.org/ap/actors/news");
        assertThat(urls.inbox("news")).hasToString("https://www.example.org/ap/actors/news/inbox");
        assertThat(urls.outbox("news")).hasToString("https://www.example.org/ap/actors/news/outbox");
        assertThat(urls.followers("news")).hasToString("https://www.example.org/ap/actors/news/followers");
        assertThat(urls.following("news")).hasToString("https://www.example.org/ap/actors/news/following");
        assertThat(urls.featured("news")).hasToString("https://www.example.org/ap/actors/news/featured");
        assertThat(urls.sharedInbox()).hasToString("https://www.example.org/ap/inbox");
        assertThat(urls.instanceActor()).hasToString("https://www.example.org/ap/actor");
        assertThat(urls.mainKey(urls.actor("news"))).hasToString("https://www.example.org/ap/actors/news#main-key");
        assertThat(urls.nodeInfo("2.1")).hasToString("https://www.example.org/ap/nodeinfo/2.1");
    }

    @Test
    void normalisesTheOrigin() {
        assertThat(ActorUrls.of(URI.create("HTTPS://WWW.Example.ORG:443/"), "/ap")
                        .origin())
                .hasToString("https://www.example.org");
        assertThat(ActorUrls.of(URI.create("http://127.0.0.1:8080"), "/x/y").actor("a"))
                .hasToString("http://127.0.0.1:8080/x/y/actors/a");
        assertThat(ActorUrls.of(URI.create("http://127.0.0.1:8080"), "/ap").authority())
                .isEqualTo("127.0.0.1:8080");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.org",
                "https://example.org/site",
                "https://example.org?x",
                "https://u@example.org",
                "mailto:a@example.org",
                "https://example.org#f"
            })
    void refusesOriginsThatAreNotJustSchemeAndHost(String origin) {
        assertThatThrownBy(() -> ActorUrls.of(URI.create(origin), "/ap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("origin must look like");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "ap", "/ap/", "/a b", "/.well-known/ap", "/ap/../x", "/ap//x", "/ä"})
    void refusesMalformedBasePaths(String basePath) {
        assertThatThrownBy(() -> ActorUrls.of(URI.create("https://example.org"), basePath))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("basePath");
    }
}
