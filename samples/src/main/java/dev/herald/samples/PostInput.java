package dev.herald.samples;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A post as the admin API and the feed bridge describe it, checked: the body of {@code POST /admin/api/posts}.
 * Immutable.
 *
 * @param content the body as HTML
 * @param title a title (feed entries), if any
 * @param summary the content warning, if any
 * @param sensitive whether the media are hidden until clicked
 * @param url the post's page on the site
 * @param hashtags hashtags without {@code #}
 * @param language a BCP 47 tag
 * @param visibility {@code public}, {@code unlisted} or {@code followers}
 * @param quotePolicy who may quote it: {@code public}, {@code followers}, {@code manual} or {@code nobody}; empty for
 *     the visibility's default (anyone for public and unlisted posts, nobody for followers-only ones)
 * @param attachments images with their descriptions
 * @param published when it was published (imports), else now
 */
public record PostInput(
        String content,
        Optional<String> title,
        Optional<String> summary,
        boolean sensitive,
        Optional<URI> url,
        List<String> hashtags,
        Optional<String> language,
        String visibility,
        Optional<String> quotePolicy,
        List<Attachment> attachments,
        Optional<Instant> published) {

    /** The most attachments a post takes (Mastodon shows no more). */
    public static final int MAX_ATTACHMENTS = 4;

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final List<String> VISIBILITIES = List.of("public", "unlisted", "followers");
    private static final List<String> QUOTE_POLICIES = List.of("public", "followers", "manual", "nobody");

    /**
     * An attached image or video.
     *
     * @param url where it is
     * @param mediaType its media type, e.g. {@code image/png}
     * @param alt its description, for people who cannot see it
     */
    public record Attachment(URI url, String mediaType, String alt) {}

    /** Thrown for a body that is not a valid post; the message is the reason the API answers with 400. */
    public static final class InvalidPost extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPost(String reason) {
            super(reason);
        }
    }

    /** Copies the lists. */
    public PostInput {
        hashtags = List.copyOf(hashtags);
        attachments = List.copyOf(attachments);
    }

    /** This post, published at {@code when}. */
    public PostInput publishedAt(Instant when) {
        return new PostInput(
                content,
                title,
                summary,
                sensitive,
                url,
                hashtags,
                language,
                visibility,
                quotePolicy,
                attachments,
                Optional.of(when));
    }

    /**
     * Reads and checks the admin API's JSON body.
     *
     * @throws InvalidPost saying what is wrong, e.g. {@code "content is required"}
     */
    public static PostInput fromJson(JsonObject json) throws InvalidPost {
        String content = optionalString(json, "content")
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new InvalidPost("content is required: the post's HTML, e.g. \"<p>Hello</p>\""));
        Optional<String> summary = optionalString(json, "summary").filter(s -> !s.isBlank());
        boolean sensitive = optionalBoolean(json, "sensitive");
        Optional<URI> url = Optional.empty();
        Optional<String> rawUrl = optionalString(json, "url").filter(s -> !s.isBlank());
        if (rawUrl.isPresent()) {
            url = Optional.of(requireAbsolute("url", rawUrl.get()));
        }
        List<String> hashtags = new ArrayList<>();
        for (String tag : strings(json, "hashtags")) {
            String t = tag.strip().startsWith("#") ? tag.strip().substring(1) : tag.strip();
            if (!TAG.matcher(t).matches()) {
                throw new InvalidPost(
                        "hashtags must be letters, digits and _ with at least one letter, got '" + tag + "'");
            }
            hashtags.add(t);
        }
        Optional<String> language = optionalString(json, "language").filter(s -> !s.isBlank());
        if (language.isPresent() && !LANGUAGE.matcher(language.get()).matches()) {
            throw new InvalidPost("language must be a BCP 47 tag such as en or pt-BR, got '" + language.get() + "'");
        }
        String visibility = optionalString(json, "visibility")
                .filter(s -> !s.isBlank())
                .orElse("public")
                .toLowerCase(Locale.ROOT);
        if (!VISIBILITIES.contains(visibility)) {
            throw new InvalidPost("visibility must be one of " + VISIBILITIES + ", got '" + visibility + "'");
        }
        Optional<String> quotePolicy = quotePolicy(json, visibility);
        List<Attachment> attachments = attachments(json);
        Optional<String> title = optionalString(json, "title").filter(s -> !s.isBlank());
        return new PostInput(
                content,
                title,
                summary,
                sensitive || summary.isPresent(),
                url,
                hashtags,
                language,
                visibility,
                quotePolicy,
                attachments,
                Optional.empty());
    }

    private static Optional<String> quotePolicy(JsonObject json, String visibility) throws InvalidPost {
        Optional<String> policy = optionalString(json, "quotePolicy")
                .filter(s -> !s.isBlank())
                .map(s -> s.strip().toLowerCase(Locale.ROOT));
        if (policy.isEmpty()) {
            return policy;
        }
        if (!QUOTE_POLICIES.contains(policy.get())) {
            throw new InvalidPost("quotePolicy must be one of " + QUOTE_POLICIES + " (who may quote the post), got '"
                    + policy.get() + "'");
        }
        // Herald (as Mastodon) lets nobody quote a followers-only post: say so rather than drop the policy silently.
        if (visibility.equals("followers") && !policy.get().equals("nobody")) {
            throw new InvalidPost("a followers-only post cannot be quoted by others: leave quotePolicy out or set it to"
                    + " nobody, or make the post public or unlisted, got quotePolicy '" + policy.get() + "'");
        }
        return policy;
    }

    private static List<Attachment> attachments(JsonObject json) throws InvalidPost {
        JsonValue value = json.get("attachments");
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidPost("attachments must be an array of {url, mediaType, alt}");
        }
        if (array.size() > MAX_ATTACHMENTS) {
            throw new InvalidPost("a post takes at most " + MAX_ATTACHMENTS + " attachments, got " + array.size());
        }
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject a)) {
                throw new InvalidPost("attachments[" + i + "] must be an object {url, mediaType, alt}");
            }
            String where = "attachments[" + i + "]";
            URI url = requireAbsolute(
                    where + ".url",
                    optionalString(a, "url")
                            .filter(s -> !s.isBlank())
                            .orElseThrow(() -> new InvalidPost(where + ".url is required")));
            String mediaType = optionalString(a, "mediaType")
                    .filter(s -> s.matches("[a-z]+/[A-Za-z0-9.+-]+"))
                    .orElseThrow(() -> new InvalidPost(where + ".mediaType must be a media type like image/png"));
            String alt = optionalString(a, "alt")
                    .filter(s -> !s.isBlank())
                    .orElseThrow(() -> new InvalidPost(
                            where + ".alt is required: describe the image for people who cannot see it (alt text)"));
            out.add(new Attachment(url, mediaType, alt.strip()));
        }
        return out;
    }

    private static Optional<String> optionalString(JsonObject json, String key) throws InvalidPost {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString s)) {
            throw new InvalidPost(key + " must be a string");
        }
        return Optional.of(s.getString());
    }

    private static boolean optionalBoolean(JsonObject json, String key) throws InvalidPost {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new InvalidPost(key + " must be true or false");
    }

    private static List<String> strings(JsonObject json, String key) throws InvalidPost {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidPost(key + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw new InvalidPost(key + " must be an array of strings");
            }
            out.add(s.getString());
        }
        return out;
    }

    private static URI requireAbsolute(String name, String value) throws InvalidPost {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Answered below.
        }
        throw new InvalidPost(name + " must be an absolute http(s) URL, got '" + value + "'");
    }
}
