package dev.herald.core.security;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One case of the hostile-input corpus ({@code src/test/resources/hostile/*.json}; the format is in the README
 * there), with its placeholders ({@code {alice}}, {@code {site}}…) filled in. Immutable and thread-safe.
 */
record HostileCase(String name, String category, String description, JsonObject spec) {
    /** The categories a case may name; the corpus covers each. */
    static final Set<String> CATEGORIES = Set.of(
            "control",
            "forged-signature",
            "algorithm-confusion",
            "replay",
            "digest",
            "unsigned",
            "ssrf-key-id",
            "ssrf-object-id",
            "ssrf-redirect",
            "size-and-shape",
            "content-type",
            "duplicate-keys",
            "other-origin",
            "webfinger",
            "blocked");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9-]*)}");

    /** The corpus folder: {@code herald.hostile}, else {@code src/test/resources/hostile}; it must exist. */
    static Path folder() {
        Path folder = Path.of(System.getProperty("herald.hostile", "src/test/resources/hostile"));
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("the hostile-input corpus is missing at " + folder.toAbsolutePath());
        }
        return folder;
    }

    /** Every case in the corpus, by file name. */
    static List<HostileCase> all() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .map(HostileCase::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HostileCase read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            JsonObject spec = reader.readObject();
            String category = spec.getString("category", "");
            if (!CATEGORIES.contains(category)) {
                throw new IllegalStateException(file + ": unknown category '" + category + "'");
            }
            if (!spec.containsKey("expect") || !spec.getJsonObject("expect").containsKey("status")) {
                throw new IllegalStateException(file + ": no expect.status");
            }
            return new HostileCase(name, category, spec.getString("description", ""), spec);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** The spec with every placeholder replaced; unknown placeholders fail the case. */
    HostileCase fill(Map<String, String> values) {
        Map<String, String> all = new java.util.HashMap<>(values);
        all.put("case", name);
        return new HostileCase(name, category, description, (JsonObject) fill(spec, all));
    }

    private static JsonValue fill(JsonValue value, Map<String, String> values) {
        switch (value.getValueType()) {
            case STRING:
                return Json.createValue(fill(((JsonString) value).getString(), values));
            case OBJECT:
                var object = Json.createObjectBuilder();
                value.asJsonObject().forEach((k, v) -> object.add(fill(k, values), fill(v, values)));
                return object.build();
            case ARRAY:
                var array = Json.createArrayBuilder();
                value.asJsonArray().forEach(v -> array.add(fill(v, values)));
                return array.build();
            default:
                return value;
        }
    }

    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = values.get(m.group(1));
            if (replacement == null) {
                throw new IllegalStateException("unknown placeholder {" + m.group(1) + "} in '" + text + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The expected status. */
    int status() {
        return expect().getInt("status");
    }

    /** A text the response body must contain, if the case names one. */
    Optional<String> reason() {
        return Optional.ofNullable(expect().getString("reason", null));
    }

    /** Whether a 202 stores the activity (its processing must then leave the rest of the store as it was). */
    boolean queued() {
        return expect().getBoolean("queued", false);
    }

    /** Texts that must each appear in a URL the production network policy refused during the case. */
    List<String> refused() {
        JsonArray refused = expect().getJsonArray("refused");
        List<String> out = new ArrayList<>();
        if (refused != null) {
            refused.forEach(v -> out.add(((JsonString) v).getString()));
        }
        return out;
    }

    private JsonObject expect() {
        return spec.getJsonObject("expect");
    }

    @Override
    public String toString() {
        return name;
    }
}
