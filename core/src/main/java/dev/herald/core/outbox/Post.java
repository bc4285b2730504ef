package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import dev.herald.core.outbox.internal.Html;
import dev.herald.core.outbox.internal.Markup;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the site publishes: an announcement with its body, content warning, hashtags, mentions, media, language,
 * page and audience. Herald turns it into a {@code Note} (short posts) or an {@code Article} with a {@code Note}
 * preview (long ones), see {@link PostRenderer}.
 *
 * <p>The body is either plain text ({@link Builder#text}: escaped, paragraphs kept, URLs linked) or HTML ({@link
 * Builder#html}: reduced to {@code p br a span strong em ul ol li blockquote code pre}). Hashtags ({@code #tag})
 * and mentions ({@code @user@host}) in the body are found and linked; more can be given.
 *
 * <pre>{@code
 * Post post = Post.builder()
 *         .text("Our new logo is here! #design")
 *         .contentWarning("Flashing colours")
 *         .attach(Media.image(URI.create("https://www.example.org/media/logo.png"), "image/png", "A blue star"))
 *         .url(URI.create("https://www.example.org/news/new-logo"))
 *         .language("en")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 */
public final class Post {
    /** The most media a post carries: Mastodon shows no more. */
    public static final int MAX_MEDIA = 4;

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,199}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*");
    private static final Pattern HANDLE = Pattern.compile(
            "@?([A-Za-z0-9_]+(?:[.-]+[A-Za-z0-9_]+)*)@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\\d{1,5})?)");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    private final String html;
    private final Optional<String> title;
    private final Optional<String> contentWarning;
    private final boolean sensitive;
    private final List<String> hashtags;
    private final List<String> mentions;
    private final List<Media> media;
    private final Optional<String> language;
    private final Optional<URI> url;
    private final Visibility visibility;
    private final Optional<Instant> published;
    private final Optional<String> slug;
    private final Optional<URI> inReplyTo;
    private final Optional<QuotePolicy> quotePolicy;

    private Post(Builder b, String html, List<String> hashtags, List<String> mentions) {
        this.html = html;
        this.title = b.title;
        this.contentWarning = b.contentWarning;
        this.sensitive = b.sensitive || b.contentWarning.isPresent();
        this.hashtags = List.copyOf(hashtags);
        this.mentions = List.copyOf(mentions);
        this.media = List.copyOf(b.media);
        this.language = b.language;
        this.url = b.url;
        this.visibility = b.visibility;
        this.published = b.published;
        this.slug = b.slug;
        this.inReplyTo = b.inReplyTo;
        this.quotePolicy = b.quotePolicy;
    }

    /** A builder for a post. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this post, to make an edit. The body is kept as sanitised HTML. */
    public Builder toBuilder() {
        Builder b = new Builder().html(html);
        title.ifPresent(b::title);
        contentWarning.ifPresent(b::contentWarning);
        b.sensitive = sensitive;
        b.hashtags.addAll(hashtags);
        b.mentions.addAll(mentions);
        b.media.addAll(media);
        b.allowMissingAltText = media.stream().anyMatch(m -> m.altText().isEmpty());
        b.language = language;
        b.url = url;
        b.visibility = visibility;
        b.published = published;
        b.slug = slug;
        b.inReplyTo = inReplyTo;
        b.quotePolicy = quotePolicy;
        return b;
    }

    /** The body as sanitised HTML, before hashtags and mentions are linked. */
    public String html() {
        return html;
    }

    /** The title: an {@code Article}'s {@code name}, or a bold first line of a {@code Note}. */
    public Optional<String> title() {
        return title;
    }

    /** The content warning ({@code summary}); a post with one is sensitive. */
    public Optional<String> contentWarning() {
        return contentWarning;
    }

    /** Whether text and media sit behind a warning. */
    public boolean sensitive() {
        return sensitive;
    }

    /** Every hashtag, without {@code #}: those given, then those found in the body; each once (ignoring case). */
    public List<String> hashtags() {
        return hashtags;
    }

    /** Every mentioned handle ({@code user@host}, lower case): those given, then those found in the body. */
    public List<String> mentions() {
        return mentions;
    }

    /** The attached media, at most {@value #MAX_MEDIA}. */
    public List<Media> media() {
        return media;
    }

    /** The body's language (a BCP 47 tag such as {@code en}); written as {@code contentMap}. */
    public Optional<String> language() {
        return language;
    }

    /** The post's page on the site ({@code url}). */
    public Optional<URI> url() {
        return url;
    }

    /** Who it is for. */
    public Visibility visibility() {
        return visibility;
    }

    /** When it was published, if the caller set it (imports); else the moment it is published. */
    public Optional<Instant> published() {
        return published;
    }

    /** The last segment of its id, if the caller chose one; else a random UUID. */
    public Optional<String> slug() {
        return slug;
    }

    /** The post it answers. */
    public Optional<URI> inReplyTo() {
        return inReplyTo;
    }

    /**
     * Who may quote it ({@code interactionPolicy.canQuote}, FEP-044f): the policy set with {@link
     * Builder#quotePolicy}, else {@link QuotePolicy#PUBLIC} for public and unlisted posts. A followers-only post is
     * always {@link QuotePolicy#NOBODY}, whatever was set: Mastodon lets no one quote one either.
     */
    public QuotePolicy quotePolicy() {
        if (visibility == Visibility.FOLLOWERS) {
            return QuotePolicy.NOBODY;
        }
        return quotePolicy.orElse(QuotePolicy.PUBLIC);
    }

    /** The length of the text a reader sees (what the {@code Note}/{@code Article} threshold counts). */
    public int textLength() {
        return Html.text(html).length();
    }

    @Override
    public String toString() {
        String text = Html.text(html);
        return "Post[" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + ", " + visibility + ", "
                + media.size() + " media]";
    }

    /** Builds a {@link Post}; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private Optional<String> body = Optional.empty();
        private boolean bodyIsHtml;
        private Optional<String> title = Optional.empty();
        private Optional<String> contentWarning = Optional.empty();
        private boolean sensitive;
        private final List<String> hashtags = new ArrayList<>();
        private final List<String> mentions = new ArrayList<>();
        private final List<Media> media = new ArrayList<>();
        private boolean allowMissingAltText;
        private Optional<String> language = Optional.empty();
        private Optional<URI> url = Optional.empty();
        private Visibility visibility = Visibility.PUBLIC;
        private Optional<Instant> published = Optional.empty();
        private Optional<String> slug = Optional.empty();
        private Optional<URI> inReplyTo = Optional.empty();
        private Optional<QuotePolicy> quotePolicy = Optional.empty();

        private Builder() {}

        /** Sets the body as plain text: escaped, blank lines start paragraphs, URLs are linked. */
        public Builder text(String text) {
            this.body = Optional.of(Checks.notNull(text, "text"));
            this.bodyIsHtml = false;
            return this;
        }

        /** Sets the body as HTML; it is sanitised to the allow-list (see {@link Post}). */
        public Builder html(String html) {
            this.body = Optional.of(Checks.notNull(html, "html"));
            this.bodyIsHtml = true;
            return this;
        }

        /** Sets the title. */
        public Builder title(String title) {
            this.title = Optional.of(Checks.notBlank(title, "title").strip());
            return this;
        }

        /** Sets a content warning: shown instead of the text until the reader opens it; marks the post sensitive. */
        public Builder contentWarning(String warning) {
            this.contentWarning =
                    Optional.of(Checks.notBlank(warning, "contentWarning").strip());
            return this;
        }

        /** Marks the media sensitive (hidden until clicked) even without a content warning. */
        public Builder sensitive(boolean hidden) {
            this.sensitive = hidden;
            return this;
        }

        /** Adds hashtags (with or without {@code #}); those not in the body are appended to it as links. */
        public Builder hashtags(String... tags) {
            for (String tag : Checks.notNull(tags, "tags")) {
                String t = Checks.notBlank(tag, "hashtag").strip();
                t = t.startsWith("#") ? t.substring(1) : t;
                if (!TAG.matcher(t).matches()) {
                    throw new IllegalArgumentException(
                            "hashtag must be letters, digits and _ with at least one letter, got '" + tag + "'");
                }
                hashtags.add(t);
            }
            return this;
        }

        /**
         * Adds mentioned accounts ({@code @user@host} or {@code user@host}): they are tagged, addressed and
         * delivered to, whether or not the body names them.
         */
        public Builder mention(String... handles) {
            for (String handle : Checks.notNull(handles, "handles")) {
                var m = HANDLE.matcher(Checks.notBlank(handle, "handle").strip());
                if (!m.matches()) {
                    throw new IllegalArgumentException(
                            "handle must look like @user@example.social, got '" + handle + "'");
                }
                mentions.add(Markup.handle(m.group(1), m.group(2)));
            }
            return this;
        }

        /** Attaches media (at most {@value Post#MAX_MEDIA} in all). */
        public Builder attach(Media... items) {
            for (Media item : Checks.notNull(items, "media")) {
                media.add(Checks.notNull(item, "media"));
            }
            return this;
        }

        /**
         * Allows media without a description. Off by default: media without alt text shuts out people who use
         * screen readers, so {@link #build()} refuses it unless this is called.
         */
        public Builder allowMissingAltText() {
            this.allowMissingAltText = true;
            return this;
        }

        /** Sets the body's language: a BCP 47 tag such as {@code en} or {@code pt-BR}. */
        public Builder language(String tag) {
            String t = Checks.notBlank(tag, "language").strip();
            if (!LANGUAGE.matcher(t).matches()) {
                throw new IllegalArgumentException(
                        "language must be a BCP 47 tag such as en or pt-BR, got '" + tag + "'");
            }
            this.language = Optional.of(t);
            return this;
        }

        /** Sets the post's page on the site; relative links in HTML bodies are resolved against it. */
        public Builder url(URI page) {
            this.url = Optional.of(Checks.absolute(page, "url"));
            return this;
        }

        /** Sets who it is for. Default: {@link Visibility#PUBLIC}. */
        public Builder visibility(Visibility audience) {
            this.visibility = Checks.notNull(audience, "visibility");
            return this;
        }

        /** Sets when it was published (for imports of older posts). Default: when it is published. */
        public Builder published(Instant when) {
            this.published = Optional.of(Checks.notNull(when, "published"));
            return this;
        }

        /**
         * Sets the last segment of its id ({@code …/objects/SLUG}): letters, digits, {@code . _ ~ -}, at most 200.
         * Default: a random UUID. Ids never change, so do not reuse a slug for another post.
         */
        public Builder slug(String idSegment) {
            Checks.notNull(idSegment, "slug");
            if (!SLUG.matcher(idSegment).matches()) {
                throw new IllegalArgumentException(
                        "slug must be 1 to 200 of A-Z a-z 0-9 . _ ~ - starting with a letter or digit, got '"
                                + idSegment + "'");
            }
            this.slug = Optional.of(idSegment);
            return this;
        }

        /** Sets the post it answers. */
        public Builder inReplyTo(URI post) {
            this.inReplyTo = Optional.of(Checks.absolute(post, "inReplyTo"));
            return this;
        }

        /**
         * Sets who may quote it. Default: {@link QuotePolicy#PUBLIC} (anyone, approved at once) for public and
         * unlisted posts; followers-only posts are never quotable by others (see {@link Post#quotePolicy()}).
         */
        public Builder quotePolicy(QuotePolicy policy) {
            this.quotePolicy = Optional.of(Checks.notNull(policy, "quotePolicy"));
            return this;
        }

        /**
         * The post.
         *
         * @throws IllegalStateException if there is no body
         * @throws IllegalArgumentException if there are more than {@value Post#MAX_MEDIA} media, or media without alt
         *     text and {@link #allowMissingAltText()} was not called, or the body is empty after sanitising
         */
        public Post build() {
            String raw = body.orElseThrow(
                    () -> new IllegalStateException("set the body with text(...) or html(...) before build()"));
            String html = bodyIsHtml ? Html.sanitize(raw, url.map(URI::toString)) : Html.fromText(raw);
            if (Html.text(html).isBlank() && media.isEmpty()) {
                throw new IllegalArgumentException("the post is empty: give text, HTML with visible text, or media");
            }
            if (media.size() > MAX_MEDIA) {
                throw new IllegalArgumentException(
                        "a post carries at most " + MAX_MEDIA + " media (Mastodon shows no more), got " + media.size());
            }
            if (!allowMissingAltText) {
                for (int i = 0; i < media.size(); i++) {
                    if (media.get(i).altText().isEmpty()) {
                        throw new IllegalArgumentException(
                                "media " + (i + 1) + " (" + media.get(i).url()
                                        + ") has no alt text: describe it (Media.image(url, type, altText)) for people who"
                                        + " cannot see it, or call allowMissingAltText() to publish it without");
                    }
                }
            }
            Markup.Found found = Markup.scan(html);
            return new Post(
                    this, html, distinctIgnoringCase(hashtags, found.hashtags()), distinct(mentions, found.handles()));
        }

        private static List<String> distinctIgnoringCase(List<String> given, Set<String> found) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> out = new ArrayList<>();
            for (String tag : concat(given, found)) {
                if (seen.add(tag.toLowerCase(Locale.ROOT))) {
                    out.add(tag);
                }
            }
            return out;
        }

        private static List<String> distinct(List<String> given, Set<String> found) {
            return List.copyOf(new LinkedHashSet<>(concat(given, found)));
        }

        private static List<String> concat(List<String> a, Set<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }
}
