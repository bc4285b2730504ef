package dev.herald.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdsTest {
    @Test
    void mainKeyIsTheActorWithAFragment() {
        assertThat(KeyIds.mainKey(URI.create("https://example.com/users/alice")))
                .isEqualTo(URI.create("https://example.com/users/alice#main-key"));
    }

    @Test
    void mainKeyKeepsTheActorsExactSpelling() {
        URI actor = URI.create("https://example.com/ap/actors/caf%C3%A9?x=1");

        assertThat(KeyIds.mainKey(actor).toString()).isEqualTo("https://example.com/ap/actors/caf%C3%A9?x=1#main-key");
    }

    @Test
    void mainKeyRefusesAnActorWithAFragment() {
        assertThatThrownBy(() -> KeyIds.mainKey(URI.create("https://example.com/users/alice#me")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actor must not have a fragment: https://example.com/users/alice#me");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acct:alice@example.com", "/users/alice", "ftp://example.com/alice", "https:opaque"})
    void mainKeyRefusesAnythingButAbsoluteHttpUris(String actor) {
        assertThatThrownBy(() -> KeyIds.mainKey(URI.create(actor)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actor must be an absolute http(s) URI with a host: " + actor);
    }

    @Test
    void ownerOfDropsTheFragment() {
        assertThat(KeyIds.ownerOf("https://mastodon.social/users/emelie#main-key"))
                .isEqualTo(URI.create("https://mastodon.social/users/emelie"));
        assertThat(KeyIds.ownerOf("http://example.com/actor?id=7#key-2"))
                .isEqualTo(URI.create("http://example.com/actor?id=7"));
    }

    @Test
    void ownerOfReturnsAPathStyleKeyIdUnchanged() {
        String gotosocial = "https://gts.example.org/users/the_mighty_zork/main-key";

        assertThat(KeyIds.ownerOf(gotosocial)).isEqualTo(URI.create(gotosocial));
    }

    @Test
    void ownerOfInvertsMainKey() {
        URI actor = URI.create("https://example.com/users/alice");

        assertThat(KeyIds.ownerOf(KeyIds.mainKey(actor).toString())).isEqualTo(actor);
    }

    @TestFactory
    Stream<DynamicTest> ownerOfAgreesWithEveryActorInTheCorpus() throws IOException {
        List<Path> objects;
        try (Stream<Path> files = Files.list(Vectors.root().resolve("objects"))) {
            objects = files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        List<DynamicTest> tests = objects.stream()
                .map(file -> PemTest.json("objects/" + file.getFileName()).asJsonObject())
                .filter(object -> object.get("publicKey") instanceof JsonObject)
                .map(object -> object.getJsonObject("publicKey"))
                .filter(key -> key.containsKey("id") && key.containsKey("owner"))
                .map(key -> dynamicTest(key.getString("id"), () -> {
                    String keyId = key.getString("id");
                    URI owner = KeyIds.ownerOf(keyId);
                    if (keyId.contains("#")) {
                        assertThat(owner).isEqualTo(URI.create(key.getString("owner")));
                    } else {
                        assertThat(owner).as("path-style key id").isEqualTo(URI.create(keyId));
                    }
                }))
                .collect(Collectors.toList());
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"acct:bob@remote.domain", "main-key", "#main-key", "mailto:bob@example.com"})
    void ownerOfRefusesKeyIdsThatAreNotHttpUris(String keyId) {
        assertThatThrownBy(() -> KeyIds.ownerOf(keyId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keyId must be an absolute http(s) URI with a host: ");
    }

    @Test
    void ownerOfRefusesAnUnparsableKeyIdWithoutEchoingIt() {
        assertThatThrownBy(() -> KeyIds.ownerOf("https://example.com/users/a b\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyId is not a valid URI: Illegal character in path")
                .message()
                .doesNotContain("Injected");
    }

    @Test
    void refusesNullNamingTheParameter() {
        assertThatThrownBy(() -> KeyIds.ownerOf(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyId must not be null");
        assertThatThrownBy(() -> KeyIds.mainKey(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actor must not be null");
    }
}
