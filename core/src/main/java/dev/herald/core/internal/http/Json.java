package dev.herald.core.internal.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One JSON provider for the request path (looking it up per call is slow). Not part of the API. Thread-safe. */
public final class Json {
    /** The provider. */
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());

    private Json() {}

    /** A new object builder. */
    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** {@code json} as UTF-8 bytes, compact. */
    public static byte[] bytes(JsonObject json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonWriter writer = WRITERS.createWriter(out, StandardCharsets.UTF_8)) {
            writer.writeObject(json);
        }
        return out.toByteArray();
    }

    /** Parses a JSON object Herald stored itself. */
    public static JsonObject parse(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
