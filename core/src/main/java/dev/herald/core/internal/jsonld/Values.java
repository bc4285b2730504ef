package dev.herald.core.internal.jsonld;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Tolerant readers for the value shapes compact ActivityStreams uses: a string or an array of them, a
 * URI or an object with an {@code id}, a plain value or a JSON-LD value object ({@code {"@value": …}}),
 * a language map instead of a plain string. A value of an unexpected shape reads as absent.
 *
 * <p>Stateless and thread-safe.
 */
final class Values {
    private Values() {}

    /** The value as a list: the elements of an array, a single value alone, or nothing for null. */
    static List<JsonValue> list(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            return value.asJsonArray();
        }
        return List.of(value);
    }

    /** A string, a value object's string, or the first such element of an array. */
    static Optional<String> text(JsonValue value) {
        if (value instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        if (value instanceof JsonObject o && o.get("@value") instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue element : value.asJsonArray()) {
                Optional<String> text = text(element);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The text of {@code key}, or else from its language map {@code mapKey}: the undetermined language
     * ({@code und}) if present, else the first entry.
     */
    static Optional<String> localized(JsonObject object, String key, String mapKey) {
        Optional<String> plain = text(object.get(key));
        if (plain.isPresent()) {
            return plain;
        }
        Map<String, String> map = allLanguages(object.get(mapKey));
        return Optional.ofNullable(
                map.getOrDefault("und", map.values().stream().findFirst().orElse(null)));
    }

    /**
     * A language map's string entries, in document order, without {@code und} (undetermined): a text
     * in no particular language is the plain value, not a translation. (After JSON-LD compaction, a
     * document's {@code "@language": "und"} turns plain strings into {@code und} entries.)
     */
    static Map<String, String> languageMap(JsonValue value) {
        Map<String, String> result = new LinkedHashMap<>(allLanguages(value));
        result.remove("und");
        return result;
    }

    private static Map<String, String> allLanguages(JsonValue value) {
        if (!(value instanceof JsonObject map)) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((language, text) -> text(text).ifPresent(t -> result.put(language, t)));
        return result;
    }

    /** A reference: a URI string, or an object's {@code id}; the first usable one in an array. */
    static Optional<URI> ref(JsonValue value) {
        if (value instanceof JsonString s) {
            return Uris.parse(s.getString());
        }
        if (value instanceof JsonObject o) {
            return ref(o.containsKey("@value") ? o.get("@value") : o.get("id"));
        }
        if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue element : value.asJsonArray()) {
                Optional<URI> uri = ref(element);
                if (uri.isPresent()) {
                    return uri;
                }
            }
        }
        return Optional.empty();
    }

    /** All usable references of a string-or-array value, in order, without duplicates. */
    static List<URI> refs(JsonValue value) {
        List<URI> result = new ArrayList<>();
        for (JsonValue element : list(value)) {
            ref(element).filter(uri -> !result.contains(uri)).ifPresent(result::add);
        }
        return result;
    }

    /**
     * A link target ({@code url}, {@code href}): a URI string, a {@code Link}'s {@code href}, an object's
     * {@code url} or {@code id}. In an array, the first {@code text/html} link wins, else the first.
     */
    static Optional<URI> link(JsonValue value) {
        if (value instanceof JsonString s) {
            return Uris.parse(s.getString());
        }
        if (value instanceof JsonObject o) {
            if (o.containsKey("@value")) {
                return link(o.get("@value"));
            }
            if (o.containsKey("href")) {
                return link(o.get("href"));
            }
            return o.containsKey("url") ? link(o.get("url")) : ref(o.get("id"));
        }
        List<JsonValue> elements = list(value);
        for (JsonValue element : elements) {
            if (element instanceof JsonObject o
                    && text(o.get("mediaType")).filter("text/html"::equals).isPresent()) {
                Optional<URI> html = link(o);
                if (html.isPresent()) {
                    return html;
                }
            }
        }
        for (JsonValue element : elements) {
            Optional<URI> uri = link(element);
            if (uri.isPresent()) {
                return uri;
            }
        }
        return Optional.empty();
    }

    /** A date-time with an offset ({@code Z} or {@code +02:00}); one without an offset is taken as UTC. */
    static Optional<Instant> instant(JsonValue value) {
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(text.get()).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    /** A boolean, a value object's boolean, or the strings {@code "true"}/{@code "false"}; else {@code otherwise}. */
    static boolean bool(JsonValue value, boolean otherwise) {
        if (value == JsonValue.TRUE) {
            return true;
        }
        if (value == JsonValue.FALSE) {
            return false;
        }
        if (value instanceof JsonObject o && o.containsKey("@value")) {
            return bool(o.get("@value"), otherwise);
        }
        if (value instanceof JsonString s) {
            if (s.getString().equals("true")) {
                return true;
            } else if (s.getString().equals("false")) {
                return false;
            }
        }
        return otherwise;
    }

    /** A positive integer that fits an int, else empty. */
    static OptionalInt positiveInt(JsonValue value) {
        OptionalLong n = wholeNumber(value, 10);
        return n.isPresent() && n.getAsLong() > 0 && n.getAsLong() <= Integer.MAX_VALUE
                ? OptionalInt.of((int) n.getAsLong())
                : OptionalInt.empty();
    }

    /** A non-negative whole number that fits a long, else empty. */
    static OptionalLong count(JsonValue value) {
        OptionalLong n = wholeNumber(value, 18);
        return n.isPresent() && n.getAsLong() >= 0 ? n : OptionalLong.empty();
    }

    /** A number between -1 and 1 (a focal point coordinate), else empty. */
    static Optional<Double> unitInterval(JsonValue value) {
        BigDecimal d = decimal(value);
        // Looking at the digit count first keeps 1e999999999 from being expanded.
        if (d == null || d.precision() - d.scale() > 2) {
            return Optional.empty();
        }
        double x = d.doubleValue();
        return x >= -1 && x <= 1 ? Optional.of(x) : Optional.empty();
    }

    private static OptionalLong wholeNumber(JsonValue value, int maxDigits) {
        BigDecimal d = decimal(value);
        if (d == null || d.precision() - d.scale() > maxDigits) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(d.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException e) {
            return OptionalLong.empty();
        }
    }

    private static BigDecimal decimal(JsonValue value) {
        if (value instanceof JsonNumber n) {
            return n.bigDecimalValue();
        }
        if (value instanceof JsonObject o && o.get("@value") instanceof JsonNumber n) {
            return n.bigDecimalValue();
        }
        return null;
    }

    /** The type names of an object, with the {@code as:} prefix removed. */
    static List<String> types(JsonObject object) {
        List<String> types = new ArrayList<>();
        for (JsonValue element : list(object.get("type"))) {
            if (element instanceof JsonString s) {
                String name = s.getString();
                types.add(name.startsWith("as:") ? name.substring(3) : name);
            }
        }
        return types;
    }
}
