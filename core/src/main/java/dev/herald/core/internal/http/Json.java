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

    /**
     * {@code {"name":"value"}} as UTF-8 bytes, written directly: the inbox answers every POST with one of these,
     * and a writer from the provider costs more than the rest of the answer.
     */
    public static byte[] member(String name, String value) {
        StringBuilder out = new StringBuilder(name.length() + value.length() + 8).append('{');
        quote(name, out);
        out.append(':');
        quote(value, out);
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code s} as a JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Parses a JSON object Herald stored itself. */
    public static JsonObject parse(String json) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
