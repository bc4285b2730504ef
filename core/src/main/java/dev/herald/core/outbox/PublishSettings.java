package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How posts become ActivityPub objects: where their ids live, where hashtags link, and when a post is long enough
 * to be an {@code Article}. Ids are published once and must never change, so neither may the bases.
 *
 * <table>
 *   <caption>Ids, for origin {@code https://www.example.org} and base path {@code /ap}</caption>
 *   <tr><th>what</th><th>id</th></tr>
 *   <tr><td>a post</td><td>{@code https://www.example.org/ap/objects/{slug or uuid}}</td></tr>
 *   <tr><td>its {@code Create}</td><td>the post's id with {@code #create} (so publishing twice delivers once)</td></tr>
 *   <tr><td>its {@code Delete}</td><td>the post's id with {@code #delete}</td></tr>
 *   <tr><td>an {@code Update}, {@code Add}, {@code Remove}</td><td>{@code https://www.example.org/ap/activities/{uuid}}</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 */
public final class PublishSettings {
    /** The default length of text (in characters, as a reader sees it) above which a post is an {@code Article}. */
    public static final int DEFAULT_ARTICLE_THRESHOLD = 500;
    /** The default length of an {@code Article}'s preview excerpt. */
    public static final int DEFAULT_PREVIEW_LENGTH = 300;

    private final String objectsBase;
    private final String activitiesBase;
    private final String tagUrlTemplate;
    private final int articleThreshold;
    private final int previewLength;

    private PublishSettings(Builder b) {
        this.objectsBase = b.objectsBase;
        this.activitiesBase = b.activitiesBase;
        this.tagUrlTemplate = b.tagUrlTemplate;
        this.articleThreshold = b.articleThreshold;
        this.previewLength = b.previewLength;
    }

    /**
     * A builder with the defaults for a site: objects under {@code origin + basePath + "/objects"}, activities under
     * {@code …/activities}, hashtags linking to {@code origin + "/tags/{tag}"}.
     */
    public static Builder builder(URI origin, String basePath) {
        Checks.absolute(origin, "origin");
        Checks.notNull(basePath, "basePath");
        String prefix = stripSlash(origin.toString()) + basePath;
        return new Builder(prefix + "/objects", prefix + "/activities", stripSlash(origin.toString()) + "/tags/{tag}");
    }

    /** The id of a post whose last segment is {@code slug}. */
    public URI objectId(String slug) {
        return URI.create(objectsBase + "/" + slug);
    }

    /** A new activity id with last segment {@code uuid}. */
    public URI activityId(String uuid) {
        return URI.create(activitiesBase + "/" + uuid);
    }

    /** The page of a hashtag (given without {@code #}): the template with the lower-case tag. */
    public URI tagUrl(String tag) {
        String encoded = URLEncoder.encode(tag.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8);
        return URI.create(tagUrlTemplate.replace("{tag}", encoded));
    }

    /** Text longer than this makes an {@code Article}. */
    public int articleThreshold() {
        return articleThreshold;
    }

    /** How many characters of text an {@code Article}'s preview {@code Note} carries. */
    public int previewLength() {
        return previewLength;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Configures {@link PublishSettings}. Not thread-safe. */
    public static final class Builder {
        private String objectsBase;
        private String activitiesBase;
        private String tagUrlTemplate;
        private int articleThreshold = DEFAULT_ARTICLE_THRESHOLD;
        private int previewLength = DEFAULT_PREVIEW_LENGTH;

        private Builder(String objectsBase, String activitiesBase, String tagUrlTemplate) {
            this.objectsBase = objectsBase;
            this.activitiesBase = activitiesBase;
            this.tagUrlTemplate = tagUrlTemplate;
        }

        /** Sets where post ids start, e.g. {@code https://www.example.org/ap/objects}. Never change it once used. */
        public Builder objectsBase(URI base) {
            this.objectsBase = stripSlash(Checks.absolute(base, "objectsBase").toString());
            return this;
        }

        /** Sets where activity ids start. Never change it once used. */
        public Builder activitiesBase(URI base) {
            this.activitiesBase =
                    stripSlash(Checks.absolute(base, "activitiesBase").toString());
            return this;
        }

        /** Sets the hashtag page, an absolute URL containing {@code {tag}}, e.g. {@code https://site/tags/{tag}}. */
        public Builder tagUrlTemplate(String template) {
            Checks.notBlank(template, "tagUrlTemplate");
            if (!template.contains("{tag}")
                    || !URI.create(template.replace("{tag}", "x")).isAbsolute()) {
                throw new IllegalArgumentException(
                        "tagUrlTemplate must be an absolute URL containing {tag}, got '" + template + "'");
            }
            this.tagUrlTemplate = template;
            return this;
        }

        /** Sets the length of text above which a post is an {@code Article}. Default: {@value #DEFAULT_ARTICLE_THRESHOLD}. */
        public Builder articleThreshold(int characters) {
            if (characters < 1) {
                throw new IllegalArgumentException("articleThreshold must be positive, got " + characters);
            }
            this.articleThreshold = characters;
            return this;
        }

        /** Sets the length of an {@code Article}'s preview excerpt. Default: {@value #DEFAULT_PREVIEW_LENGTH}. */
        public Builder previewLength(int characters) {
            if (characters < 20) {
                throw new IllegalArgumentException("previewLength must be at least 20, got " + characters);
            }
            this.previewLength = characters;
            return this;
        }

        /** The settings. */
        public PublishSettings build() {
            return new PublishSettings(this);
        }
    }
}
