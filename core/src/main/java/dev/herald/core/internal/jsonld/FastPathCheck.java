package dev.herald.core.internal.jsonld;

import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Thread-safe. It remembers what the most common top-level contexts (lists of URLs) mean, a bounded number.
 */
public final class FastPathCheck {
    private static final int MAX_CACHED_CONTEXTS = 64;

    private final ContextLibrary library;
    private final int maxDepth;
    private final Map<List<String>, Applied> rootScopes = new ConcurrentHashMap<>();

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
            Applied applied = depth == 1 ? rootScope(context) : apply(outer, context);
            if (applied.why != null) {
                return applied.why;
            }
            scope = applied.scope;
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

    /** {@code context} applied to a copy of {@code outer}, and why the fast path must not be used, if so. */
    private static Applied apply(TermScope outer, JsonValue context) {
        TermScope scope = outer.copy();
        scope.apply(context);
        if (scope.refusal() != null) {
            return new Applied(scope, scope.refusal());
        }
        String conflict = HeraldTerms.firstConflict(scope.definitions());
        return new Applied(scope, conflict == null ? null : "the context redefines " + conflict);
    }

    /**
     * A top-level {@code @context} applied to an empty scope. Nearly every document names one of a few context
     * URLs (or a list of them): those results are kept, at most {@link #MAX_CACHED_CONTEXTS}, since working them
     * out again costs more than the rest of the check. Inline maps are always worked out.
     */
    private Applied rootScope(JsonValue context) {
        List<String> urls = urls(context);
        if (urls == null) {
            return apply(new TermScope(library), context);
        }
        Applied known = rootScopes.get(urls);
        if (known != null) {
            return known;
        }
        Applied applied = apply(new TermScope(library), context);
        if (rootScopes.size() < MAX_CACHED_CONTEXTS) {
            rootScopes.putIfAbsent(urls, applied);
        }
        return applied;
    }

    /** The URLs of a context that is one URL or a list of URLs, else null. */
    private static List<String> urls(JsonValue context) {
        if (context instanceof JsonString url) {
            return List.of(url.getString());
        }
        if (context.getValueType() != JsonValue.ValueType.ARRAY
                || context.asJsonArray().size() > 8) {
            return null;
        }
        List<String> urls = new ArrayList<>();
        for (JsonValue entry : context.asJsonArray()) {
            if (!(entry instanceof JsonString url)) {
                return null;
            }
            urls.add(url.getString());
        }
        return List.copyOf(urls);
    }

    /**
     * A scope and the reason the fast path must not be used, or null. The scope is only ever read or copied
     * once made, so one instance can serve every thread.
     */
    private record Applied(TermScope scope, String why) {}

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
