package dev.herald.core;

import dev.herald.core.internal.Checks;
import dev.herald.core.vocab.ActorType;
import dev.herald.core.vocab.Image;
import dev.herald.core.vocab.PropertyValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One of the site's actors as the site describes it: who it is ({@code @news@example.org}, an
 * {@code Organization} named "Example News"), how it looks (bio, avatar, header, profile fields) and how it
 * behaves (approves followers or not, may be discovered and indexed or not). Herald turns it into the actor
 * document, the WebFinger answer and the collections.
 *
 * <p>The username is checked when the profile is built, so that every server can use it: Mastodon, and
 * Bridgy Fed, which refuses names that start or end with anything but a letter or digit. It must be 1 to 30
 * characters {@code [A-Za-z0-9_]}, start and end with a letter or digit, and not be {@code instance} (the key
 * of the instance actor). Text limits follow what Mastodon keeps of a remote profile: name 2,048 characters,
 * bio 20 KiB, at most 20 profile fields, 256 aliases and 256 attribution domains.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 */
public final class ActorProfile {
    /** The longest username: Mastodon's limit for local accounts. */
    public static final int MAX_USERNAME_LENGTH = 30;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9_]*[A-Za-z0-9])?");
    private static final int MAX_NAME = 2048;
    private static final int MAX_SUMMARY_BYTES = 20 * 1024;
    private static final int MAX_FIELDS = 20;
    private static final int MAX_FIELD_LENGTH = 2048;
    private static final int MAX_ALIASES = 256;

    private final String username;
    private final ActorType type;
    private final Optional<String> name;
    private final Optional<String> summary;
    private final Optional<URI> profileUrl;
    private final Optional<Image> icon;
    private final Optional<Image> header;
    private final List<PropertyValue> fields;
    private final boolean manuallyApprovesFollowers;
    private final boolean discoverable;
    private final boolean indexable;
    private final Optional<Instant> published;
    private final List<URI> alsoKnownAs;
    private final Optional<URI> movedTo;
    private final List<String> attributionDomains;
    private final boolean hideFollowers;
    private final boolean hideFollowing;

    private ActorProfile(Builder b) {
        this.username = b.username;
        this.type = b.type;
        this.name = b.name;
        this.summary = b.summary;
        this.profileUrl = b.profileUrl;
        this.icon = b.icon;
        this.header = b.header;
        this.fields = List.copyOf(b.fields);
        this.manuallyApprovesFollowers = b.manuallyApprovesFollowers;
        this.discoverable = b.discoverable;
        this.indexable = b.indexable;
        this.published = b.published;
        this.alsoKnownAs = List.copyOf(b.alsoKnownAs);
        this.movedTo = b.movedTo;
        this.attributionDomains = List.copyOf(b.attributionDomains);
        this.hideFollowers = b.hideFollowers;
        this.hideFollowing = b.hideFollowing;
    }

    /**
     * A builder for the actor {@code username} ({@code news} in {@code @news@example.org}).
     *
     * @throws IllegalArgumentException if the username is not 1 to 30 characters {@code [A-Za-z0-9_]} that start
     *     and end with a letter or digit, or is {@code instance}
     */
    public static Builder builder(String username) {
        return new Builder(checkUsername(username));
    }

    /** A builder pre-filled with this profile, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(username);
        b.type = type;
        b.name = name;
        b.summary = summary;
        b.profileUrl = profileUrl;
        b.icon = icon;
        b.header = header;
        b.fields.addAll(fields);
        b.manuallyApprovesFollowers = manuallyApprovesFollowers;
        b.discoverable = discoverable;
        b.indexable = indexable;
        b.published = published;
        b.alsoKnownAs.addAll(alsoKnownAs);
        b.movedTo = movedTo;
        b.attributionDomains.addAll(attributionDomains);
        b.hideFollowers = hideFollowers;
        b.hideFollowing = hideFollowing;
        return b;
    }

    /** The username, as configured (WebFinger compares it without regard to case). */
    public String username() {
        return username;
    }

    /** The actor type; {@code Organization} unless set. */
    public ActorType type() {
        return type;
    }

    /** The display name. */
    public Optional<String> name() {
        return name;
    }

    /** The bio, HTML. */
    public Optional<String> summary() {
        return summary;
    }

    /** The profile page on the site ({@code url} of the actor, and WebFinger's profile-page link). */
    public Optional<URI> profileUrl() {
        return profileUrl;
    }

    /** The avatar, with its media type and description. */
    public Optional<Image> icon() {
        return icon;
    }

    /** The header picture, with its media type and description. */
    public Optional<Image> header() {
        return header;
    }

    /** The profile fields, in order. */
    public List<PropertyValue> fields() {
        return fields;
    }

    /** Whether follow requests wait for approval. Default: no. */
    public boolean manuallyApprovesFollowers() {
        return manuallyApprovesFollowers;
    }

    /** Whether the actor may be featured in directories. Default: yes. */
    public boolean discoverable() {
        return discoverable;
    }

    /** Whether the actor's public posts may be indexed for search. Default: yes. */
    public boolean indexable() {
        return indexable;
    }

    /** When the account was created; when unset, Herald uses the time its key pair was generated. */
    public Optional<Instant> published() {
        return published;
    }

    /** Other accounts of the same owner (needed before another account moves here). */
    public List<URI> alsoKnownAs() {
        return alsoKnownAs;
    }

    /** The account this one moved to. */
    public Optional<URI> movedTo() {
        return movedTo;
    }

    /** Sites whose {@code fediverse:creator} links may credit this actor. */
    public List<String> attributionDomains() {
        return attributionDomains;
    }

    /** Whether the followers collection shows only a count. Default: no. */
    public boolean hideFollowers() {
        return hideFollowers;
    }

    /** Whether the following collection shows only a count. Default: no. */
    public boolean hideFollowing() {
        return hideFollowing;
    }

    @Override
    public String toString() {
        return "ActorProfile[" + type.jsonName() + " " + username + "]";
    }

    static String checkUsername(String username) {
        Checks.notNull(username, "username");
        if (username.length() > MAX_USERNAME_LENGTH
                || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("username must be 1 to " + MAX_USERNAME_LENGTH
                    + " characters A-Z, a-z, 0-9 or _, starting and ending with a letter or digit"
                    + " (Mastodon and Bridgy Fed refuse others), got '" + abbreviate(username) + "'");
        }
        if (username.equalsIgnoreCase("instance")) {
            throw new IllegalArgumentException(
                    "username 'instance' is reserved for the instance actor's key pair; choose another");
        }
        return username;
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    /** Builds an {@link ActorProfile}. Setters replace, adders append. Not thread-safe. */
    public static final class Builder {
        private final String username;
        private ActorType type = ActorType.ORGANIZATION;
        private Optional<String> name = Optional.empty();
        private Optional<String> summary = Optional.empty();
        private Optional<URI> profileUrl = Optional.empty();
        private Optional<Image> icon = Optional.empty();
        private Optional<Image> header = Optional.empty();
        private final List<PropertyValue> fields = new ArrayList<>();
        private boolean manuallyApprovesFollowers;
        private boolean discoverable = true;
        private boolean indexable = true;
        private Optional<Instant> published = Optional.empty();
        private final List<URI> alsoKnownAs = new ArrayList<>();
        private Optional<URI> movedTo = Optional.empty();
        private final List<String> attributionDomains = new ArrayList<>();
        private boolean hideFollowers;
        private boolean hideFollowing;

        private Builder(String username) {
            this.username = username;
        }

        /** Sets the actor type. Default: {@code Organization}. */
        public Builder type(ActorType actorType) {
            this.type = Checks.notNull(actorType, "type");
            return this;
        }

        /**
         * Sets the display name. Bridgy Fed asks for one that differs from the username.
         *
         * @throws IllegalArgumentException if longer than 2,048 characters
         */
        public Builder name(String displayName) {
            Checks.notNull(displayName, "name");
            if (displayName.length() > MAX_NAME) {
                throw new IllegalArgumentException("name must be at most " + MAX_NAME + " characters");
            }
            this.name = Optional.of(displayName);
            return this;
        }

        /**
         * Sets the bio, as HTML (Mastodon keeps {@code p}, {@code br}, {@code a} and a few more tags).
         *
         * @throws IllegalArgumentException if longer than 20 KiB in UTF-8
         */
        public Builder summary(String html) {
            Checks.notNull(html, "summary");
            if (html.getBytes(StandardCharsets.UTF_8).length > MAX_SUMMARY_BYTES) {
                throw new IllegalArgumentException("summary must be at most 20 KiB of UTF-8");
            }
            this.summary = Optional.of(html);
            return this;
        }

        /**
         * Sets the profile page on the site: the actor's {@code url} and WebFinger's profile-page link. Put
         * {@code <link rel="me" href="…actor url…">} on the pages named in profile fields to have Mastodon
         * show them as verified. Default: the site's origin.
         *
         * @throws IllegalArgumentException unless it is an absolute http(s) URL
         */
        public Builder profileUrl(URI url) {
            this.profileUrl = Optional.of(httpUrl(url, "profileUrl"));
            return this;
        }

        /**
         * Sets the avatar. Bridgy Fed bridges only accounts that have one.
         *
         * @param url where the picture is (absolute http(s))
         * @param mediaType its MIME type, e.g. {@code image/png}
         * @param alt its description for people who cannot see it
         */
        public Builder icon(URI url, String mediaType, String alt) {
            this.icon = Optional.of(image(url, mediaType, alt, "icon"));
            return this;
        }

        /**
         * Sets the header picture.
         *
         * @param url where the picture is (absolute http(s))
         * @param mediaType its MIME type, e.g. {@code image/jpeg}
         * @param alt its description for people who cannot see it
         */
        public Builder header(URI url, String mediaType, String alt) {
            this.header = Optional.of(image(url, mediaType, alt, "header"));
            return this;
        }

        /**
         * Adds a profile field ({@code PropertyValue}); Mastodon shows the first four or more.
         *
         * @param label the label, e.g. {@code Website}
         * @param valueHtml the value, HTML: a link {@code <a href="https://example.org" rel="me">…</a>}
         *     shows as verified when that page links back
         * @throws IllegalArgumentException beyond 20 fields, or for a label or value over 2,048 characters
         */
        public Builder addField(String label, String valueHtml) {
            Checks.notNull(label, "label");
            Checks.notNull(valueHtml, "valueHtml");
            if (fields.size() >= MAX_FIELDS) {
                throw new IllegalArgumentException("at most " + MAX_FIELDS + " profile fields");
            }
            if (label.length() > MAX_FIELD_LENGTH || valueHtml.length() > MAX_FIELD_LENGTH) {
                throw new IllegalArgumentException(
                        "a profile field's label and value must be at most " + MAX_FIELD_LENGTH + " characters");
            }
            fields.add(new PropertyValue(label, valueHtml));
            return this;
        }

        /** Sets whether follow requests wait for approval. Default: no (follows are accepted at once). */
        public Builder manuallyApprovesFollowers(boolean manually) {
            this.manuallyApprovesFollowers = manually;
            return this;
        }

        /** Sets whether the actor may be featured in directories ({@code toot:discoverable}). Default: yes. */
        public Builder discoverable(boolean isDiscoverable) {
            this.discoverable = isDiscoverable;
            return this;
        }

        /** Sets whether the actor's public posts may be full-text indexed ({@code toot:indexable}). Default: yes. */
        public Builder indexable(boolean isIndexable) {
            this.indexable = isIndexable;
            return this;
        }

        /**
         * Sets when the account was created ({@code published}). Bridgy Fed bridges accounts at least a week
         * old. Default: when Herald generated the actor's key pair (stored, so it does not change).
         */
        public Builder published(Instant when) {
            this.published = Optional.of(Checks.notNull(when, "published"));
            return this;
        }

        /**
         * Adds another account of the same owner ({@code alsoKnownAs}), e.g. the Mastodon account followers
         * should move from.
         *
         * @throws IllegalArgumentException beyond 256, or unless an absolute http(s) URL
         */
        public Builder addAlsoKnownAs(URI actor) {
            if (alsoKnownAs.size() >= MAX_ALIASES) {
                throw new IllegalArgumentException("at most " + MAX_ALIASES + " alsoKnownAs entries");
            }
            alsoKnownAs.add(httpUrl(actor, "alsoKnownAs"));
            return this;
        }

        /**
         * Sets the account this one moved to ({@code movedTo}).
         *
         * @throws IllegalArgumentException unless an absolute http(s) URL
         */
        public Builder movedTo(URI actor) {
            this.movedTo = Optional.of(httpUrl(actor, "movedTo"));
            return this;
        }

        /**
         * Adds a site whose pages may credit this actor with {@code <meta name="fediverse:creator">}
         * ({@code attributionDomains}), e.g. {@code example.org}.
         *
         * @throws IllegalArgumentException beyond 256, or for a blank domain or one with a scheme or path
         */
        public Builder addAttributionDomain(String domain) {
            Checks.notBlank(domain, "domain");
            if (attributionDomains.size() >= MAX_ALIASES) {
                throw new IllegalArgumentException("at most " + MAX_ALIASES + " attribution domains");
            }
            if (domain.contains("/") || domain.contains(":") || domain.contains(" ")) {
                throw new IllegalArgumentException(
                        "an attribution domain is a host name like example.org, got '" + abbreviate(domain) + "'");
            }
            attributionDomains.add(domain);
            return this;
        }

        /** Sets whether the followers collection shows only a count, not who. Default: no. */
        public Builder hideFollowers(boolean hide) {
            this.hideFollowers = hide;
            return this;
        }

        /** Sets whether the following collection shows only a count, not whom. Default: no. */
        public Builder hideFollowing(boolean hide) {
            this.hideFollowing = hide;
            return this;
        }

        /** The profile. */
        public ActorProfile build() {
            return new ActorProfile(this);
        }

        private static Image image(URI url, String mediaType, String alt, String name) {
            httpUrl(url, name + " url");
            Checks.notBlank(mediaType, name + " mediaType");
            if (!mediaType.startsWith("image/")) {
                throw new IllegalArgumentException(
                        name + " mediaType must be an image type like image/png, got '" + abbreviate(mediaType) + "'");
            }
            Checks.notNull(alt, name + " alt");
            return new Image(url, Optional.of(mediaType), Optional.of(alt));
        }

        private static URI httpUrl(URI url, String name) {
            Checks.absolute(url, name);
            String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an http(s) URL with a host, got " + url);
            }
            return url;
        }
    }
}
