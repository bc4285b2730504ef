package dev.herald.core.internal.jsonld;

import dev.herald.core.jsonld.ReaderSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON-LD context documents a reader may use: the ones bundled in this jar, plus those the host
 * application registered in {@link ReaderSettings}. Lookup is by exact URL; a bundled URL also matches
 * with the other scheme ({@code http} for {@code https} and back), since documents in the wild write
 * both. Nothing is ever fetched.
 *
 * <p>Immutable after construction (the term-table cache is concurrent) and thread-safe.
 */
public final class ContextLibrary {
    /** The ActivityStreams context URL. */
    public static final String ACTIVITYSTREAMS = "https://www.w3.org/ns/activitystreams";
    /** The security v1 context URL. */
    public static final String SECURITY_V1 = "https://w3id.org/security/v1";

    private static final String FOLDER = "/dev/herald/core/jsonld/contexts/";
    private static final Map<String, String> BUNDLED_FILES = bundledFiles();
    private static final Map<String, JsonObject> BUNDLED = loadBundled();

    private final Map<String, JsonObject> registered;
    private final Map<String, JsonObject> bySuffix;
    private final Map<String, Map<String, String>> termTables = new ConcurrentHashMap<>();

    /** The bundled contexts plus those registered in {@code settings}. */
    public ContextLibrary(ReaderSettings settings) {
        this.registered = settings.contexts();
        this.bySuffix = settings.contextsBySuffix();
    }

    /** The context URLs bundled in the jar. */
    public static Set<String> bundledUrls() {
        return BUNDLED.keySet();
    }

    /** The context document for {@code url}, if bundled or registered. */
    public Optional<JsonObject> find(String url) {
        JsonObject found = registered.get(url);
        if (found == null) {
            found = BUNDLED.get(url);
        }
        if (found == null) {
            found = BUNDLED.get(otherScheme(url));
        }
        if (found == null) {
            for (Map.Entry<String, JsonObject> entry : bySuffix.entrySet()) {
                if (url.endsWith(entry.getKey())) {
                    found = entry.getValue();
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The term definitions of the context at {@code url} (term to IRI, {@link TermScope#UNRESOLVED}
     * where the IRI cannot be worked out without a full JSON-LD processor), if the context is known.
     */
    Optional<Map<String, String>> termTable(String url) {
        Map<String, String> cached = termTables.get(url);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<JsonObject> document = find(url);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        TermScope scope = new TermScope(this);
        scope.applyTrusted(document.get().get("@context"), 0);
        Map<String, String> table = Map.copyOf(scope.definitions());
        // Bounded: suffix-matched URLs (one per Pleroma instance) are not cached.
        if (registered.containsKey(url) || BUNDLED.containsKey(url) || BUNDLED.containsKey(otherScheme(url))) {
            termTables.put(url, table);
        }
        return Optional.of(table);
    }

    private static String otherScheme(String url) {
        if (url.startsWith("https://")) {
            return "http://" + url.substring("https://".length());
        } else if (url.startsWith("http://")) {
            return "https://" + url.substring("http://".length());
        }
        return url;
    }

    private static Map<String, String> bundledFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(ACTIVITYSTREAMS, "activitystreams.jsonld");
        files.put(SECURITY_V1, "security-v1.jsonld");
        files.put("https://w3id.org/security/data-integrity/v1", "security-data-integrity-v1.jsonld");
        files.put("https://w3id.org/security/data-integrity/v2", "security-data-integrity-v2.jsonld");
        files.put("https://w3id.org/security/multikey/v1", "security-multikey-v1.jsonld");
        files.put("https://w3id.org/identity/v1", "identity-v1.jsonld");
        files.put("https://www.w3.org/ns/did/v1", "did-v1.jsonld");
        files.put("http://joinmastodon.org/ns", "mastodon-toot-ns.jsonld");
        files.put("https://gotosocial.org/ns", "gotosocial-ns.jsonld");
        files.put("https://join-lemmy.org/context.json", "join-lemmy-context.jsonld");
        files.put("https://purl.archive.org/miscellany", "swicg-miscellany.jsonld");
        files.put("https://purl.archive.org/socialweb/webfinger", "socialweb-webfinger.jsonld");
        files.put("https://w3id.org/fep/5711", "fep-5711.jsonld");
        files.put("https://w3id.org/fep/7aa9", "fep-7aa9.jsonld");
        files.put("https://w3id.org/fep/ef61", "fep-ef61.jsonld");
        return files;
    }

    private static Map<String, JsonObject> loadBundled() {
        Map<String, JsonObject> documents = new HashMap<>();
        BUNDLED_FILES.forEach((url, file) -> documents.put(url, readResource(file)));
        return Map.copyOf(documents);
    }

    private static JsonObject readResource(String file) {
        try (InputStream in = ContextLibrary.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled JSON-LD context missing from the jar: " + FOLDER + file);
            }
            try (JsonReader reader = LimitedJsonParser.PROVIDER.createReader(in)) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled JSON-LD context " + file, e);
        }
    }
}
