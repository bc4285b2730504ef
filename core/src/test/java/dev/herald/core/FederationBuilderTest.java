package dev.herald.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.store.StoredKeyPair;
import dev.herald.core.store.memory.InMemoryStore;
import dev.herald.signatures.Pem;
import java.net.URI;
import org.junit.jupiter.api.Test;

class FederationBuilderTest {
    @Test
    void needsAnOriginAndAnActor() {
        assertThatThrownBy(() ->
                        Federation.builder().addActor(TestFederations.news()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("origin");
        assertThatThrownBy(() ->
                        Federation.builder().origin(TestFederations.ORIGIN).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("addActor");
    }

    @Test
    void refusesAnOriginWithAPathAndAMalformedBasePath() {
        Federation.Builder builder = TestFederations.builder(TestFederations.store());
        assertThatThrownBy(() -> builder.origin(URI.create("https://www.example.org/wiki"))
                        .build())
                .hasMessageContaining("origin must look like");
        Federation.Builder other = TestFederations.builder(TestFederations.store());
        assertThatThrownBy(() -> other.basePath("ap/").build()).hasMessageContaining("basePath");
    }

    @Test
    void refusesTwoActorsWhoseNamesDifferOnlyInCase() {
        Federation.Builder builder = TestFederations.builder(TestFederations.store());
        assertThatThrownBy(() -> builder.addActor(ActorProfile.builder("News").build()))
                .hasMessageContaining("differ in more than case");
    }

    @Test
    void checksItsSettings() {
        Federation.Builder builder = Federation.builder();
        assertThatThrownBy(() -> builder.pageSize(0)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> builder.pageSize(1001)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> builder.maxBodyBytes(10)).hasMessageContaining("maxBodyBytes");
        assertThatThrownBy(() -> builder.blockDomain("https://spam.example")).hasMessageContaining("blocked domain");
        assertThatThrownBy(() -> builder.handleHost("news@example.org")).hasMessageContaining("handleHost");
    }

    @Test
    void generatesAndStoresRsaKeysOnFirstBuildAndReusesThemAfterwards() {
        InMemoryStore store = new InMemoryStore();
        Federation.builder()
                .origin(TestFederations.ORIGIN)
                .addActor(ActorProfile.builder("news").build())
                .store(store)
                .clock(TestFederations.clock())
                .build();
        StoredKeyPair news = store.keyPairs().find("news").orElseThrow();
        StoredKeyPair instance = store.keyPairs().find("instance").orElseThrow();
        assertThat(Pem.readPublicKey(news.publicKeyPem()).getAlgorithm()).isEqualTo("RSA");
        assertThat(news.created()).isEqualTo(TestFederations.NOW);
        assertThat(news.toString()).doesNotContain("PRIVATE");
        assertThat(instance.publicKeyPem()).isNotEqualTo(news.publicKeyPem());

        Federation.builder()
                .origin(TestFederations.ORIGIN)
                .addActor(ActorProfile.builder("news").build())
                .store(store)
                .build();
        assertThat(store.keyPairs().find("news").orElseThrow()).isEqualTo(news);
    }

    @Test
    void describesItselfAndItsActors() {
        Federation federation = TestFederations.standard();
        assertThat(federation.actorId("news")).hasToString("https://www.example.org/ap/actors/news");
        assertThat(federation.handleOf("news")).isEqualTo("@news@example.org");
        assertThat(federation.handleHost()).isEqualTo("example.org");
        assertThat(federation.actors()).containsOnlyKeys("news");
        assertThat(federation.maxBodyBytes()).isEqualTo(Federation.DEFAULT_MAX_BODY_BYTES);
        assertThat(federation.urls().origin()).isEqualTo(TestFederations.ORIGIN);
        assertThat(federation.toString()).contains("https://www.example.org/ap");
        assertThatThrownBy(() -> federation.actorId("nobody")).hasMessageContaining("no actor 'nobody'");
    }
}
