package dev.herald.core.jsonld;

import dev.herald.core.internal.Checks;
import dev.herald.core.internal.jsonld.CompactReader;
import dev.herald.core.internal.jsonld.ContextLibrary;
import dev.herald.core.internal.jsonld.Expander;
import dev.herald.core.internal.jsonld.FastPathCheck;
import dev.herald.core.internal.jsonld.LimitedJsonParser;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads ActivityStreams documents from remote servers into the {@link dev.herald.core.vocab}
 * vocabulary.
 *
 * <p>Parsing enforces the limits of {@link ReaderSettings} while streaming (size, nesting depth,
 * entries per container, string length). Then almost every document takes the fast path: its compact
 * keys are read directly, tolerating the usual variations (a string or an array, a URI or an embedded
 * object, {@code as:Public}). A document whose {@code @context} redefines a term Herald reads, or that
 * uses prefixed keys ({@code vcard:bday}) or prefixed types, is expanded with JSON-LD and compacted
 * against Herald's own context first. Contexts come only from the jar and from the settings: the
 * reader never goes to the network, and expansion that needs an unknown context fails with
 * {@link InvalidDocumentException.Reason#UNKNOWN_CONTEXT}. The fast path ignores unknown context URLs.
 *
 * <p>Every failure caused by the input is an {@link InvalidDocumentException}.
 *
 * <p>Immutable and thread-safe: create one and share it.
 */
public final class DocumentReader {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentReader.class);

    private final ReaderSettings settings;
    private final LimitedJsonParser parser;
    private final FastPathCheck fastPath;
    private final Expander expander;
    private final CompactReader compact = new CompactReader();

    private DocumentReader(ReaderSettings settings) {
        this.settings = settings;
        this.parser = new LimitedJsonParser(settings);
        ContextLibrary library = new ContextLibrary(settings);
        this.fastPath = new FastPathCheck(library, settings.maxDepth());
        this.expander = new Expander(library, settings.expansionTimeout());
    }

    /** A reader with the default settings. */
    public static DocumentReader create() {
        return new DocumentReader(ReaderSettings.defaults());
    }

    /** A reader with {@code settings}. */
    public static DocumentReader create(ReaderSettings settings) {
        return new DocumentReader(Checks.notNull(settings, "settings"));
    }

    /** This reader's settings. */
    public ReaderSettings settings() {
        return settings;
    }

    /**
     * Reads a document from its bytes (UTF-8 JSON).
     *
     * @throws InvalidDocumentException if the bytes are not a readable ActivityStreams document
     */
    public ReadDocument read(byte[] json) {
        return read(parser.parse(Checks.notNull(json, "json")));
    }

    /**
     * Reads a document from a stream (UTF-8 JSON), reading no more than the size limit allows. The
     * stream is not closed.
     *
     * @throws InvalidDocumentException if the input is not a readable ActivityStreams document, or
     *     reading it fails
     */
    public ReadDocument read(InputStream json) {
        return read(parser.parse(Checks.notNull(json, "json")));
    }

    /**
     * Reads a document from a string.
     *
     * @throws InvalidDocumentException if the text is not a readable ActivityStreams document
     */
    public ReadDocument read(String json) {
        return read(Checks.notNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an already parsed document. The size limit is not applied (the JSON is already in memory);
     * the depth limit is.
     *
     * @throws InvalidDocumentException if the object is not a readable ActivityStreams document
     */
    public ReadDocument read(JsonObject document) {
        Checks.notNull(document, "document");
        Optional<String> whyNotFast = fastPath.whyNotFast(document);
        if (whyNotFast.isEmpty() && !settings.alwaysExpand()) {
            return new ReadDocument(compact.read(document), document, document, ReadDocument.Path.FAST);
        }
        if (whyNotFast.isPresent()) {
            LOG.debug("Expanding JSON-LD of a document because {}", whyNotFast.get());
        }
        JsonObject compacted = expander.compact(document);
        return new ReadDocument(compact.read(compacted), document, compacted, ReadDocument.Path.EXPANDED);
    }
}
