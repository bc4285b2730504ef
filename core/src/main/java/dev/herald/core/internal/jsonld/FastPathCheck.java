package dev.herald.core.internal.jsonld;

import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a document can be read by its compact term names, without JSON-LD expansion. It can
 * when every {@code @context} in it (top level and nested) keeps Herald's terms at their usual IRIs,
 * and the document itself uses only plain term names: no compact IRIs such as {@code toot:blurhash} or
 * {@code vcard:bday} as keys, no keywords such as {@code @id} in place of {@code id}, and no prefixed
 * type names other than {@code as:}.
 *
 * <p>Context URLs that are neither bundled nor registered are ignored here: in practice they add
 * terms rather than redefine ActivityStreams ones, and Mastodon reads such documents the same way.
 * A document without {@code @context} is read as ActivityStreams (Lemmy's test data, and some servers,
 * omit it).
 *
 * <p>Stateless and thread-safe.
 */
public final class FastPathCheck {
    private final ContextLibrary library;
    private final int maxDepth;

    /** A check using the contexts in {@code library}, walking at most {@code maxDepth} levels. */
    public FastPathCheck(ContextLibrary library, int maxDepth) {
        this.library = library;
        this.maxDepth = maxDepth;
    }

    /** Why {@code document} needs expansion, or empty if the fast path reads it faithfully. */
    public Optional<String> whyNotFast(JsonObject document) {
        return Optional.ofNullable(check(document, new TermScope(library), 1));
    }

    private String check(JsonValue value, TermScope outer, int depth) {
        boolean container = value instanceof JsonObject || value.getValueType() == JsonValue.ValueType.ARRAY;
        if (container && depth > maxDepth) {
            // Counted as the parser counts: the top-level object is level 1, scalars add no level.
            throw new InvalidDocumentException(Reason.TOO_DEEP, "nesting deeper than " + maxDepth + " levels");
        }
        if (value instanceof JsonObject object) {
            return checkObject(object, outer, depth);
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue element : value.asJsonArray()) {
                String why = check(element, outer, depth + 1);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    private String checkObject(JsonObject object, TermScope outer, int depth) {
        TermScope scope = outer;
        JsonValue context = object.get("@context");
        if (context != null) {
            scope = outer.copy();
            scope.apply(context);
            if (scope.refusal() != null) {
                return scope.refusal();
            }
            String conflict = HeraldTerms.firstConflict(scope.definitions());
            if (conflict != null) {
                return "the context redefines " + conflict;
            }
        }
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String key = entry.getKey();
            if (key.equals("@context")) {
                continue;
            }
            if (key.startsWith("@") || key.indexOf(':') >= 0) {
                return "the document uses the key " + key;
            }
            if (key.equals("type")) {
                String why = checkType(entry.getValue());
                if (why != null) {
                    return why;
                }
            } else if (!isLanguageMap(key)) {
                String why = check(entry.getValue(), scope, depth + 1);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    private static String checkType(JsonValue type) {
        if (type instanceof JsonString name) {
            String s = name.getString();
            return s.indexOf(':') >= 0 && !s.startsWith("as:") ? "the document uses the type " + s : null;
        }
        if (type.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue element : type.asJsonArray()) {
                String why = checkType(element);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    /** Language maps are keyed by language tags, which are data, not terms. */
    private static boolean isLanguageMap(String key) {
        return key.equals("contentMap") || key.equals("nameMap") || key.equals("summaryMap");
    }
}
