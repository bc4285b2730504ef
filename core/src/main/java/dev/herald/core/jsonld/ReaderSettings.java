package dev.herald.core.jsonld;

import dev.herald.core.internal.Checks;
import dev.herald.core.internal.http.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits and JSON-LD options of a {@link DocumentReader}. The defaults suit an inbox that accepts
 * documents from anyone: 1 MiB, 64 levels of nesting, 10,000 entries per array or object, strings up
 * to 512 KiB characters, and two seconds for a JSON-LD expansion.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param maxDocumentBytes the largest document, in bytes
 * @param maxDepth the deepest nesting of arrays and objects (the top-level object is level 1)
 * @param maxElements the most entries in one array or object
 * @param maxStringLength the longest string or key, in characters
 * @param expansionTimeout how long one JSON-LD expansion and compaction may take
 * @param alwaysExpand whether to skip the fast path and always read through JSON-LD expansion
 *     (slower; for tests and for callers that want the strict reading)
 * @param contexts extra context documents by exact URL, beyond the bundled ones
 * @param contextsBySuffix extra context documents for any URL ending in the key (for contexts every
 *     server hosts itself, such as Pleroma's {@code /schemas/litepub-0.1.jsonld})
 */
public record ReaderSettings(
        int maxDocumentBytes,
        int maxDepth,
        int maxElements,
        int maxStringLength,
        Duration expansionTimeout,
        boolean alwaysExpand,
        Map<String, JsonObject> contexts,
        Map<String, JsonObject> contextsBySuffix) {

    /** The default largest document: 1 MiB. */
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1 << 20;
    /** The default deepest nesting: 64 levels. */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** The highest nesting limit that may be configured; the parser needs no stack, JSON-LD does. */
    public static final int MAX_DEPTH_LIMIT = 512;

    private static final ReaderSettings DEFAULTS = builder().build();

    /** Checks the limits and makes the maps immutable. */
    public ReaderSettings {
        positive(maxDocumentBytes, "maxDocumentBytes");
        positive(maxDepth, "maxDepth");
        if (maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be at most " + MAX_DEPTH_LIMIT + ", got " + maxDepth);
        }
        positive(maxElements, "maxElements");
        positive(maxStringLength, "maxStringLength");
        Checks.notNull(expansionTimeout, "expansionTimeout");
        if (expansionTimeout.isNegative() || expansionTimeout.isZero()) {
            throw new IllegalArgumentException("expansionTimeout must be positive, got " + expansionTimeout);
        }
        contexts = Checks.map(contexts, "contexts");
        contextsBySuffix = Checks.map(contextsBySuffix, "contextsBySuffix");
    }

    /** The defaults. */
    public static ReaderSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxDocumentBytes = maxDocumentBytes;
        b.maxDepth = maxDepth;
        b.maxElements = maxElements;
        b.maxStringLength = maxStringLength;
        b.expansionTimeout = expansionTimeout;
        b.alwaysExpand = alwaysExpand;
        b.contexts.putAll(contexts);
        b.contextsBySuffix.putAll(contextsBySuffix);
        return b;
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Builds {@link ReaderSettings}. Not thread-safe. */
    public static final class Builder {
        private int maxDocumentBytes = DEFAULT_MAX_DOCUMENT_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int maxElements = 10_000;
        private int maxStringLength = 512 * 1024;
        private Duration expansionTimeout = Duration.ofSeconds(2);
        private boolean alwaysExpand;
        private final Map<String, JsonObject> contexts = new LinkedHashMap<>();
        private final Map<String, JsonObject> contextsBySuffix = new LinkedHashMap<>();

        private Builder() {}

        /** Sets the largest document, in bytes. */
        public Builder maxDocumentBytes(int maxDocumentBytes) {
            this.maxDocumentBytes = maxDocumentBytes;
            return this;
        }

        /** Sets the deepest nesting (at most {@link #MAX_DEPTH_LIMIT}). */
        public Builder maxDepth(int maxDepth) {
            this.maxDepth = maxDepth;
            return this;
        }

        /** Sets the most entries in one array or object. */
        public Builder maxElements(int maxElements) {
            this.maxElements = maxElements;
            return this;
        }

        /** Sets the longest string or key, in characters. */
        public Builder maxStringLength(int maxStringLength) {
            this.maxStringLength = maxStringLength;
            return this;
        }

        /** Sets how long one JSON-LD expansion may take. */
        public Builder expansionTimeout(Duration expansionTimeout) {
            this.expansionTimeout = expansionTimeout;
            return this;
        }

        /** Sets whether every document is read through JSON-LD expansion. */
        public Builder alwaysExpand(boolean alwaysExpand) {
            this.alwaysExpand = alwaysExpand;
            return this;
        }

        /**
         * Registers a context document for {@code url}. The library still never fetches anything: this
         * is how a host application supplies a context it is allowed to ship.
         *
         * @param url the context URL exactly as documents write it in {@code @context}
         * @param json the context document, a JSON object with an {@code @context} entry
         * @throws IllegalArgumentException if {@code json} is not such a document
         */
        public Builder context(String url, String json) {
            contexts.put(Checks.notBlank(url, "url"), contextDocument(json));
            return this;
        }

        /**
         * Registers a context document for every URL that ends with {@code suffix}, for contexts that
         * each server hosts itself ({@code /schemas/litepub-0.1.jsonld} on Pleroma and Akkoma).
         *
         * @param suffix the end of the URL path, starting with {@code /}
         * @param json the context document, a JSON object with an {@code @context} entry
         * @throws IllegalArgumentException if the suffix does not start with {@code /} or {@code json}
         *     is not a context document
         */
        public Builder contextBySuffix(String suffix, String json) {
            if (!Checks.notBlank(suffix, "suffix").startsWith("/")) {
                throw new IllegalArgumentException("suffix must start with '/', got " + suffix);
            }
            contextsBySuffix.put(suffix, contextDocument(json));
            return this;
        }

        /** The settings. */
        public ReaderSettings build() {
            return new ReaderSettings(
                    maxDocumentBytes,
                    maxDepth,
                    maxElements,
                    maxStringLength,
                    expansionTimeout,
                    alwaysExpand,
                    contexts,
                    contextsBySuffix);
        }

        private static JsonObject contextDocument(String json) {
            Checks.notNull(json, "json");
            try (JsonReader reader = Json.PROVIDER.createReader(new StringReader(json))) {
                JsonObject document = reader.readObject();
                if (!document.containsKey("@context")) {
                    throw new IllegalArgumentException("a context document needs an @context entry");
                }
                return document;
            } catch (JsonException | IllegalStateException e) {
                throw new IllegalArgumentException("context document is not a JSON object: " + e.getMessage(), e);
            }
        }
    }
}
