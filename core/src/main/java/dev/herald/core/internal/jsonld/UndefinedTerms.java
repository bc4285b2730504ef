package dev.herald.core.internal.jsonld;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Gives undefined terms their names back after compaction. ActivityStreams' context sets
 * {@code "@vocab": "_:"}, so a term a document uses without defining it (Misskey's
 * {@code _misskey_reaction}, {@code featured} under LitePub) expands to a blank-node IRI and compacts
 * to {@code "_:featured"}. The fast path reads such terms by name, as Mastodon does; this makes the
 * slow path read them the same way, unless the document also has the term properly defined.
 *
 * <p>Stateless and thread-safe.
 */
final class UndefinedTerms {
    private static final String BLANK = "_:";

    private UndefinedTerms() {}

    /** {@code value} with {@code _:}-prefixed keys and type names renamed to their bare term. */
    static JsonValue byName(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder out = LimitedJsonParser.BUILDERS.createObjectBuilder();
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                String key = entry.getKey();
                if (key.startsWith(BLANK) && key.length() > BLANK.length()) {
                    String bare = key.substring(BLANK.length());
                    if (!object.containsKey(bare)) {
                        out.add(bare, byName(entry.getValue()));
                    }
                } else if (key.equals("type")) {
                    out.add(key, typeNames(entry.getValue()));
                } else if (!key.equals("@context")) {
                    out.add(key, byName(entry.getValue()));
                }
            }
            return out.build();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder out = LimitedJsonParser.BUILDERS.createArrayBuilder();
            value.asJsonArray().forEach(element -> out.add(byName(element)));
            return out.build();
        }
        return value;
    }

    private static JsonValue typeNames(JsonValue type) {
        if (type instanceof JsonString s && s.getString().startsWith(BLANK)) {
            return LimitedJsonParser.PROVIDER.createValue(s.getString().substring(BLANK.length()));
        }
        if (type.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder out = LimitedJsonParser.BUILDERS.createArrayBuilder();
            type.asJsonArray().forEach(element -> out.add(typeNames(element)));
            return out.build();
        }
        return type;
    }
}
