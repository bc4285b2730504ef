package dev.herald.core.jsonld;

import dev.herald.core.internal.Checks;
import dev.herald.core.internal.jsonld.CompactWriter;
import dev.herald.core.vocab.ApObject;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the vocabulary as the compact ActivityStreams JSON that Mastodon and the rest of the
 * fediverse read. The {@code @context} is what Mastodon emits: ActivityStreams, security v1 when the
 * document carries a public key, and an inline map of only the extension terms used ({@code sensitive},
 * {@code Hashtag}, {@code toot:discoverable}, {@code blurhash}, {@code PropertyValue}…). Recipients,
 * tags and attachments are always arrays; the public audience is written in full
 * ({@code https://www.w3.org/ns/activitystreams#Public}); absent values are left out. Slashes and
 * non-ASCII characters are written as they are, not escaped.
 *
 * <p>Immutable and thread-safe: create one and share it.
 */
public final class DocumentWriter {
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final DocumentWriter COMPACT = new DocumentWriter(false);
    private static final DocumentWriter PRETTY = new DocumentWriter(true);

    private final JsonWriterFactory writers;

    private DocumentWriter(boolean pretty) {
        this.writers = PROVIDER.createWriterFactory(pretty ? Map.of(JsonGenerator.PRETTY_PRINTING, true) : Map.of());
    }

    /** A writer producing compact JSON (no insignificant whitespace), for the wire. */
    public static DocumentWriter create() {
        return COMPACT;
    }

    /** A writer producing indented JSON, for people (logs, the admin page, documentation). */
    public static DocumentWriter pretty() {
        return PRETTY;
    }

    /** {@code object} as a JSON document with its {@code @context}. */
    public JsonObject toJson(ApObject object) {
        return new CompactWriter().document(Checks.notNull(object, "object"));
    }

    /** {@code object} as JSON text. */
    public String write(ApObject object) {
        return new String(writeBytes(object), StandardCharsets.UTF_8);
    }

    /** {@code object} as UTF-8 JSON bytes, ready to sign and send. */
    public byte[] writeBytes(ApObject object) {
        JsonObject json = toJson(object);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonWriter writer = writers.createWriter(out, StandardCharsets.UTF_8)) {
            writer.writeObject(json);
        }
        return out.toByteArray();
    }
}
