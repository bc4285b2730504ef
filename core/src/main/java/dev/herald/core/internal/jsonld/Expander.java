package dev.herald.core.internal.jsonld;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;
import dev.herald.core.jsonld.InvalidDocumentException;
import dev.herald.core.jsonld.InvalidDocumentException.Reason;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;

/**
 * The slow path: expands a document with Titanium JSON-LD, using only bundled and registered contexts,
 * and compacts the result against Herald's reading context ({@link HeraldTerms#READING_CONTEXT}), so
 * the compact reader can read any document by Herald's own term names.
 *
 * <p>Stateless and thread-safe: every call gets its own Titanium options and loader.
 */
public final class Expander {
    private static final Document READING_CONTEXT = JsonDocument.of(HeraldTerms.READING_CONTEXT);

    private final ContextLibrary library;
    private final Duration timeout;

    /** An expander that loads contexts from {@code library} and gives up after {@code timeout}. */
    public Expander(ContextLibrary library, Duration timeout) {
        this.library = library;
        this.timeout = timeout;
    }

    /** {@code document} compacted against Herald's reading context. */
    public JsonObject compact(JsonObject document) {
        LibraryLoader loader = new LibraryLoader(library);
        JsonLdOptions options = new JsonLdOptions(loader);
        options.setTimeout(timeout);
        options.setOrdered(false);
        if (!document.containsKey("@context")) {
            // Read a context-less document by Herald's own terms, as the fast path does.
            options.setExpandContext(READING_CONTEXT);
        }
        try {
            JsonObject compacted = JsonLd.compact(JsonDocument.of(document), READING_CONTEXT)
                    .options(options)
                    .get();
            if (compacted.containsKey("@graph")) {
                throw new InvalidDocumentException(
                        Reason.INVALID_OBJECT, "the document describes several top-level objects (@graph)");
            }
            return (JsonObject) UndefinedTerms.byName(compacted);
        } catch (JsonLdError e) {
            if (loader.missing != null) {
                throw new InvalidDocumentException(
                        Reason.UNKNOWN_CONTEXT,
                        "JSON-LD context " + loader.missing + " is not bundled and Herald never fetches contexts;"
                                + " register it with ReaderSettings.Builder#context if you may ship it",
                        e);
            }
            String what = e.getCode() == JsonLdErrorCode.PROCESSING_TIMEOUT_EXCEEDED
                    ? "JSON-LD processing took longer than " + timeout
                    : "JSON-LD processing failed: " + e.getCode() + " " + e.getMessage();
            throw new InvalidDocumentException(Reason.INVALID_JSON_LD, what, e);
        } catch (InvalidDocumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // Titanium signals some malformed input with unchecked exceptions.
            throw new InvalidDocumentException(Reason.INVALID_JSON_LD, "JSON-LD processing failed: " + e, e);
        }
    }

    /** Serves contexts from the library only; remembers the first URL it could not serve. */
    private static final class LibraryLoader implements DocumentLoader {
        private final ContextLibrary library;
        private String missing;

        LibraryLoader(ContextLibrary library) {
            this.library = library;
        }

        @Override
        public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
            String key = url.toString();
            JsonObject found = library.find(key).orElse(null);
            if (found == null) {
                if (missing == null) {
                    missing = key;
                }
                throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "context not bundled: " + key);
            }
            JsonDocument document = JsonDocument.of(found);
            document.setDocumentUrl(url);
            return document;
        }
    }
}
