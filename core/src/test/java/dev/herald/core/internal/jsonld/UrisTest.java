package dev.herald.core.internal.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.vocab.Addressing;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UrisTest {
    @Test
    void readsThePublicAudienceInAllThreeForms() {
        assertThat(Uris.parse("https://www.w3.org/ns/activitystreams#Public")).contains(Addressing.PUBLIC);
        assertThat(Uris.parse("as:Public")).contains(Addressing.PUBLIC);
        assertThat(Uris.parse("Public")).contains(Addressing.PUBLIC);
    }

    @Test
    void percentEncodesWhatIsInvalidAndKeepsTheRest() {
        assertThat(Uris.parse("https://a.example/a b")).contains(URI.create("https://a.example/a%20b"));
        // java.net.URI accepts non-ASCII as it is; its ASCII form is what goes on the wire.
        assertThat(Uris.parse("https://a.example/ü?q=%41").orElseThrow().toASCIIString())
                .isEqualTo("https://a.example/%C3%BC?q=%41");
        assertThat(Uris.parse("https://a.example/x#y#z")).contains(URI.create("https://a.example/x#y%23z"));
        assertThat(Uris.parse("https://a.example/😀 x").orElseThrow().toASCIIString())
                .isEqualTo("https://a.example/%F0%9F%98%80%20x");
    }

    @Test
    void refusesRelativeReferences() {
        assertThat(Uris.parse("/users/alice")).isEmpty();
        assertThat(Uris.parse("alice")).isEmpty();
        assertThat(Uris.parse("")).isEmpty();
    }

    @Test
    void acceptsOtherAbsoluteSchemes() {
        assertThat(Uris.parse("tag:mastodon.example,2018-02-12:objectId=20")).isPresent();
        assertThat(Uris.parse("urn:uuid:0f9b2a74-6a4c-4b6a-9a38-3c8d2d3d0c1e")).isPresent();
    }
}
