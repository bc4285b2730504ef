package dev.herald.webfinger.internal;

import dev.herald.webfinger.Jrd;
import dev.herald.webfinger.Link;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the JSON form of a {@link Jrd}. Reading is tolerant: members of the wrong type and links without
 * a {@code rel} are skipped rather than failing the whole document. Stateless, thread-safe.
 */
public final class JrdJson {
    /** Looked up once: {@code Json.createX} asks the {@code ServiceLoader} on every call. */
    static final JsonProvider PROVIDER = JsonProvider.provider();

    private static final JsonParserFactory PARSERS = PROVIDER.createParserFactory(Map.of());
    private static final JsonGeneratorFactory WRITERS = PROVIDER.createGeneratorFactory(Map.of());

    private JrdJson() {}

    /** Reads a JRD; fails only when the bytes are not JSON or not a JSON object. */
    public static Jrd read(byte[] json) throws BadInput {
        if (isBlank(json)) {
            throw new BadInput("the response body is empty");
        }
        return toJrd(readObject(json));
    }

    /**
     * Reads exactly one JSON object, with nothing after it.
     *
     * @throws BadInput if the bytes are not exactly one JSON object
     */
    public static JsonObject readObject(byte[] json) throws BadInput {
        try (JsonParser parser = PARSERS.createParser(new ByteArrayInputStream(json))) {
            if (!parser.hasNext()) {
                throw new BadInput("the body is empty");
            }
            JsonParser.Event first = parser.next();
            if (first != JsonParser.Event.START_OBJECT) {
                throw new BadInput("expected a JSON object, got " + describe(first));
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new BadInput("unexpected content after the JSON object");
            }
            return object;
        } catch (RuntimeException e) {
            // Parsson reports most errors as JsonException, but too deep nesting as a bare RuntimeException.
            throw new BadInput("not JSON (" + abbreviate(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static String describe(JsonParser.Event event) {
        switch (event) {
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "a string";
            case VALUE_NUMBER:
                return "a number";
            case VALUE_NULL:
                return "null";
            default:
                return "a boolean";
        }
    }

    private static Jrd toJrd(JsonObject object) {
        Jrd.Builder builder = Jrd.builder();
        text(object.get("subject")).ifPresent(builder::subject);
        for (JsonValue alias : arrayOrSingle(object.get("aliases"))) {
            text(alias).ifPresent(builder::alias);
        }
        JsonValue properties = object.get("properties");
        if (properties instanceof JsonObject) {
            for (Map.Entry<String, JsonValue> entry : ((JsonObject) properties).entrySet()) {
                if (!entry.getKey().isBlank() && isStringOrNull(entry.getValue())) {
                    builder.property(entry.getKey(), text(entry.getValue()).orElse(null));
                }
            }
        }
        for (JsonValue link : arrayOrSingle(object.get("links"))) {
            if (link instanceof JsonObject) {
                toLink((JsonObject) link).ifPresent(builder::link);
            }
        }
        return builder.build();
    }

    private static Optional<Link> toLink(JsonObject object) {
        Optional<String> rel = text(object.get("rel"));
        if (rel.isEmpty()) {
            return Optional.empty();
        }
        Link.Builder builder = Link.builder(rel.get());
        text(object.get("type")).ifPresent(builder::type);
        text(object.get("href")).ifPresent(builder::href);
        text(object.get("template")).ifPresent(builder::template);
        JsonValue titles = object.get("titles");
        if (titles instanceof JsonObject) {
            for (Map.Entry<String, JsonValue> entry : ((JsonObject) titles).entrySet()) {
                Optional<String> title = text(entry.getValue());
                if (!entry.getKey().isBlank() && title.isPresent()) {
                    builder.title(entry.getKey(), title.get());
                }
            }
        }
        JsonValue properties = object.get("properties");
        if (properties instanceof JsonObject) {
            for (Map.Entry<String, JsonValue> entry : ((JsonObject) properties).entrySet()) {
                if (!entry.getKey().isBlank() && isStringOrNull(entry.getValue())) {
                    builder.property(entry.getKey(), text(entry.getValue()).orElse(null));
                }
            }
        }
        return Optional.of(builder.build());
    }

    private static Iterable<JsonValue> arrayOrSingle(JsonValue value) {
        if (value instanceof JsonArray) {
            return (JsonArray) value;
        }
        return value == null
                ? JsonValue.EMPTY_JSON_ARRAY
                : PROVIDER.createArrayBuilder().add(value).build();
    }

    private static Optional<String> text(JsonValue value) {
        if (value instanceof JsonString) {
            String text = ((JsonString) value).getString();
            return text.isBlank() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }

    private static boolean isStringOrNull(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.STRING || value.getValueType() == JsonValue.ValueType.NULL;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…";
    }

    /** Writes a JRD as UTF-8 JSON: subject, aliases, properties, links (always present, possibly empty). */
    public static byte[] write(Jrd jrd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = WRITERS.createGenerator(out, java.nio.charset.StandardCharsets.UTF_8)) {
            json.writeStartObject();
            jrd.subject().ifPresent(subject -> json.write("subject", subject));
            if (!jrd.aliases().isEmpty()) {
                json.writeStartArray("aliases");
                jrd.aliases().forEach(json::write);
                json.writeEnd();
            }
            writeProperties(json, jrd.properties());
            json.writeStartArray("links");
            for (Link link : jrd.links()) {
                writeLink(json, link);
            }
            json.writeEnd();
            json.writeEnd();
        }
        return out.toByteArray();
    }

    private static void writeLink(JsonGenerator json, Link link) {
        json.writeStartObject();
        json.write("rel", link.rel());
        link.type().ifPresent(type -> json.write("type", type));
        link.href().ifPresent(href -> json.write("href", href));
        link.template().ifPresent(template -> json.write("template", template));
        if (!link.titles().isEmpty()) {
            json.writeStartObject("titles");
            link.titles().forEach(json::write);
            json.writeEnd();
        }
        writeProperties(json, link.properties());
        json.writeEnd();
    }

    private static void writeProperties(JsonGenerator json, Map<String, Optional<String>> properties) {
        if (properties.isEmpty()) {
            return;
        }
        json.writeStartObject("properties");
        for (Map.Entry<String, Optional<String>> entry : properties.entrySet()) {
            if (entry.getValue().isPresent()) {
                json.write(entry.getKey(), entry.getValue().get());
            } else {
                json.writeNull(entry.getKey());
            }
        }
        json.writeEnd();
    }
}
