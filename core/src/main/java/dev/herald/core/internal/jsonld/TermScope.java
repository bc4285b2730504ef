package dev.herald.core.internal.jsonld;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small, conservative model of JSON-LD term definitions, enough to decide whether a document's
 * {@code @context} gives the terms Herald reads their usual meaning. It records, per term, the IRI the
 * term expands to; anything it cannot work out without a full processor (a vocabulary-relative term, a
 * reverse property, a scoped context) becomes {@link #UNRESOLVED}, which never matches, so doubt sends
 * the document to full JSON-LD expansion.
 *
 * <p>Not thread-safe: one instance per evaluation.
 */
final class TermScope {
    /** The IRI of a term whose meaning this model cannot work out. */
    static final String UNRESOLVED = "\u0000unresolved";

    /** Context keywords that do not change what a term means. */
    private static final Set<String> HARMLESS_KEYWORDS =
            Set.of("@language", "@version", "@direction", "@protected", "@propagate");

    private static final int MAX_NESTED_CONTEXTS = 16;

    private final ContextLibrary library;
    private final Map<String, String> definitions = new HashMap<>();
    private String refusal;

    TermScope(ContextLibrary library) {
        this.library = library;
    }

    /** A copy of this scope, for a nested object's own {@code @context}. */
    TermScope copy() {
        TermScope copy = new TermScope(library);
        copy.definitions.putAll(definitions);
        copy.refusal = refusal;
        return copy;
    }

    /** Term to IRI, as far as known. */
    Map<String, String> definitions() {
        return definitions;
    }

    /** Why the fast path must not be used, or null if nothing found so far. */
    String refusal() {
        return refusal;
    }

    /**
     * Applies a document's {@code @context} value. Known URLs add their term tables; unknown URLs are
     * ignored (the fast path then reads terms by their usual names, as Mastodon does); inline maps are
     * evaluated, and keywords such as {@code @vocab} or {@code @base} refuse the fast path.
     */
    void apply(JsonValue context) {
        if (context instanceof JsonString url) {
            library.termTable(url.getString()).ifPresent(definitions::putAll);
        } else if (context instanceof JsonObject map) {
            applyMap(map, false);
        } else if (context.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue entry : context.asJsonArray()) {
                apply(entry);
            }
        } else if (context == JsonValue.NULL) {
            refuse("a null @context clears the ActivityStreams terms");
        } else {
            refuse("an @context entry that is neither a URL nor a map");
        }
    }

    /** Applies a bundled or registered context document's own {@code @context} (keywords allowed). */
    void applyTrusted(JsonValue context, int depth) {
        if (depth > MAX_NESTED_CONTEXTS) {
            return;
        }
        if (context instanceof JsonString url) {
            library.find(url.getString()).ifPresent(document -> applyTrusted(document.get("@context"), depth + 1));
        } else if (context instanceof JsonObject map) {
            applyMap(map, true);
        } else if (context != null && context.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue entry : context.asJsonArray()) {
                applyTrusted(entry, depth + 1);
            }
        }
    }

    private void applyMap(JsonObject map, boolean trusted) {
        for (Map.Entry<String, JsonValue> entry : map.entrySet()) {
            String term = entry.getKey();
            if (term.startsWith("@")) {
                if (!trusted && !HARMLESS_KEYWORDS.contains(term)) {
                    refuse("the inline context sets " + term);
                }
                continue;
            }
            definitions.put(term, iriOf(term, entry.getValue(), map, 0));
        }
    }

    private String iriOf(String term, JsonValue definition, JsonObject map, int depth) {
        if (definition instanceof JsonString iri) {
            return resolve(iri.getString(), map, depth);
        }
        if (definition instanceof JsonObject expanded) {
            if (expanded.containsKey("@reverse") || expanded.containsKey("@context")) {
                return UNRESOLVED;
            }
            JsonValue id = expanded.get("@id");
            if (id instanceof JsonString iri) {
                return resolve(iri.getString(), map, depth);
            }
            return term.indexOf(':') > 0 ? resolve(term, map, depth) : UNRESOLVED;
        }
        return UNRESOLVED;
    }

    private String resolve(String value, JsonObject map, int depth) {
        if (depth > 8) {
            return UNRESOLVED;
        }
        if (value.startsWith("@")) {
            return value;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            JsonValue local = map.get(value);
            if (local != null) {
                return iriOf(value, local, map, depth + 1);
            }
            return definitions.getOrDefault(value, UNRESOLVED);
        }
        String prefix = value.substring(0, colon);
        String suffix = value.substring(colon + 1);
        if (suffix.startsWith("//")) {
            return value;
        }
        JsonValue local = map.get(prefix);
        String prefixIri = local != null ? iriOf(prefix, local, map, depth + 1) : definitions.get(prefix);
        if (prefixIri == null) {
            return value; // an IRI with a scheme such as "rdfs:" or "urn:"
        }
        return UNRESOLVED.equals(prefixIri) ? UNRESOLVED : prefixIri + suffix;
    }

    private void refuse(String why) {
        if (refusal == null) {
            refusal = why;
        }
    }
}
