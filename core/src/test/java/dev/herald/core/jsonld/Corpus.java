package dev.herald.core.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Vectors;
import dev.herald.core.vocab.ApObject;
import java.net.URI;

/** Reads the shared object corpus ({@code vectors/objects}) through the public reader. */
final class Corpus {
    static final URI PUBLIC = URI.create("https://www.w3.org/ns/activitystreams#Public");

    private Corpus() {}

    /** Pleroma's LitePub context, loaded from the vectors (it is AGPL, so Herald does not bundle it). */
    static ReaderSettings withLitepub(ReaderSettings.Builder settings) {
        return settings.contextBySuffix("/schemas/litepub-0.1.jsonld", Vectors.read("contexts/litepub-0.1.jsonld"))
                .build();
    }

    /** The corpus file {@code name} read with the default reader. */
    static ReadDocument read(String name) {
        return DocumentReader.create().read(Vectors.read("objects/" + name));
    }

    /** The corpus file {@code name} read with the default reader, checked to be a {@code type}. */
    static <T extends ApObject> T read(String name, Class<T> type) {
        ReadDocument document = read(name);
        assertThat(document.object()).isInstanceOf(type);
        return type.cast(document.object());
    }

    static URI uri(String uri) {
        return URI.create(uri);
    }
}
