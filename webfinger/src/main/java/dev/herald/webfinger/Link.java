package dev.herald.webfinger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One link of a {@link Jrd} (RFC 7033 §4.4.4): a relation type ({@code rel}) and optionally a media {@code type},
 * an {@code href} or a {@code template}, {@code titles} by language and {@code properties}.
 *
 * <p>The href and template are kept as the strings that were given or received (remote servers send values that
 * are not strict URIs); {@link #hrefUri()} parses the href when a URI is needed.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder(String)} or the ActivityPub shortcuts
 * {@link #activityPubSelf(URI)}, {@link #profilePage(URI)} and {@link #subscribe(String)}.
 */
public final class Link {
    /** The relation of the link to the subject's ActivityPub actor (with an {@link #ACTIVITY_JSON} type). */
    public static final String REL_SELF = "self";
    /** The relation of a link to the subject's profile page (HTML). */
    public static final String REL_PROFILE_PAGE = "http://webfinger.net/rel/profile-page";
    /** The relation of a link to the subject's avatar image. */
    public static final String REL_AVATAR = "http://webfinger.net/rel/avatar";
    /** The OStatus remote-follow relation: a {@code template} with {@code {uri}}, as Mastodon emits. */
    public static final String REL_SUBSCRIBE = "http://ostatus.org/schema/1.0/subscribe";
    /** The ActivityPub media type Mastodon and most servers use on the {@code self} link. */
    public static final String ACTIVITY_JSON = "application/activity+json";
    /** The JSON-LD form of the ActivityPub media type, which Mastodon also accepts. */
    public static final String LD_JSON_ACTIVITYSTREAMS =
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private static final String ACTIVITYSTREAMS_PROFILE = "https://www.w3.org/ns/activitystreams";

    private final String rel;
    private final String type;
    private final String href;
    private final String template;
    private final Map<String, String> titles;
    private final Map<String, Optional<String>> properties;

    private Link(Builder builder) {
        this.rel = builder.rel;
        this.type = builder.type;
        this.href = builder.href;
        this.template = builder.template;
        this.titles = Collections.unmodifiableMap(new LinkedHashMap<>(builder.titles));
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    }

    /**
     * A builder for a link with the given relation type.
     *
     * @throws IllegalArgumentException if {@code rel} is null or blank
     */
    public static Builder builder(String rel) {
        return new Builder(rel);
    }

    /** The {@code self} link to an ActivityPub actor, with the {@link #ACTIVITY_JSON} type. */
    public static Link activityPubSelf(URI actor) {
        return builder(REL_SELF).type(ACTIVITY_JSON).href(actor).build();
    }

    /** The profile-page link (an HTML page about the subject), with the {@code text/html} type. */
    public static Link profilePage(URI page) {
        return builder(REL_PROFILE_PAGE).type("text/html").href(page).build();
    }

    /**
     * The OStatus subscribe link Mastodon emits, for remote-follow buttons.
     *
     * @param template a URL template containing {@code {uri}}, e.g. {@code https://example.org/follow?uri={uri}}
     * @throws IllegalArgumentException if the template has no {@code {uri}}
     */
    public static Link subscribe(String template) {
        if (template == null || !template.contains("{uri}")) {
            throw new IllegalArgumentException("template must contain {uri}: " + template);
        }
        return builder(REL_SUBSCRIBE).template(template).build();
    }

    /**
     * Whether a media type names ActivityPub: {@code application/activity+json}, or {@code application/ld+json}
     * with the ActivityStreams profile. Case and parameter spacing do not matter.
     */
    public static boolean isActivityPubMediaType(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String[] parts = mediaType.split(";");
        String essence = parts[0].strip().toLowerCase(Locale.ROOT);
        if (essence.equals(ACTIVITY_JSON)) {
            return true;
        }
        if (!essence.equals("application/ld+json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("profile")) {
                String value = parameter.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                for (String profile : value.split("\\s+")) {
                    if (profile.equals(ACTIVITYSTREAMS_PROFILE)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The relation type. */
    public String rel() {
        return rel;
    }

    /**
     * Whether this link has the given relation type. Registered types such as {@code self} compare without regard
     * to case (RFC 8288 §2.1.1); extension types (URIs) compare exactly.
     */
    public boolean hasRel(String relationType) {
        if (relationType == null) {
            return false;
        }
        boolean registered = rel.indexOf(':') < 0 && relationType.indexOf(':') < 0;
        return registered ? rel.equalsIgnoreCase(relationType) : rel.equals(relationType);
    }

    /** The media type of the target, if given. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The target, as given. */
    public Optional<String> href() {
        return Optional.ofNullable(href);
    }

    /** The target as an absolute URI; empty if there is no href or it is not an absolute URI. */
    public Optional<URI> hrefUri() {
        if (href == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(href);
            return uri.isAbsolute() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The URI template of the target (for example Mastodon's subscribe link), if given. */
    public Optional<String> template() {
        return Optional.ofNullable(template);
    }

    /** Titles by language tag ({@code und} when the language is unknown), in the order given. */
    public Map<String, String> titles() {
        return titles;
    }

    /** Properties by URI; a value may be absent (JSON {@code null} is allowed by RFC 7033 §4.4.4.5). */
    public Map<String, Optional<String>> properties() {
        return properties;
    }

    /** Whether this is an ActivityPub {@code self} link: rel {@code self} with an ActivityPub media type. */
    public boolean isActivityPubSelf() {
        return hasRel(REL_SELF) && isActivityPubMediaType(type);
    }

    /** A builder holding this link's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(rel);
        builder.type = type;
        builder.href = href;
        builder.template = template;
        builder.titles.putAll(titles);
        builder.properties.putAll(properties);
        return builder;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Link)) {
            return false;
        }
        Link that = (Link) other;
        return rel.equals(that.rel)
                && Objects.equals(type, that.type)
                && Objects.equals(href, that.href)
                && Objects.equals(template, that.template)
                && titles.equals(that.titles)
                && properties.equals(that.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rel, type, href, template, titles, properties);
    }

    @Override
    public String toString() {
        return "Link{rel=" + rel + (type == null ? "" : ", type=" + type) + (href == null ? "" : ", href=" + href)
                + (template == null ? "" : ", template=" + template) + "}";
    }

    /** Builds a {@link Link}. Not thread-safe; each {@link #build()} returns an independent immutable link. */
    public static final class Builder {
        private final String rel;
        private String type;
        private String href;
        private String template;
        private final Map<String, String> titles = new LinkedHashMap<>();
        private final Map<String, Optional<String>> properties = new LinkedHashMap<>();

        private Builder(String rel) {
            this.rel = requireText(rel, "rel");
        }

        /** Sets the media type of the target. */
        public Builder type(String mediaType) {
            this.type = requireText(mediaType, "type");
            return this;
        }

        /** Sets the target. */
        public Builder href(URI target) {
            this.href = Objects.requireNonNull(target, "href").toString();
            return this;
        }

        /** Sets the target as a string (kept as given, for values that are not strict URIs). */
        public Builder href(String target) {
            this.href = requireText(target, "href");
            return this;
        }

        /** Sets a URI template instead of (or besides) an href. */
        public Builder template(String uriTemplate) {
            this.template = requireText(uriTemplate, "template");
            return this;
        }

        /** Adds a title in a language ({@code und} when unknown). */
        public Builder title(String language, String title) {
            titles.put(requireText(language, "language"), Objects.requireNonNull(title, "title"));
            return this;
        }

        /** Adds a property; a {@code null} value is written as JSON {@code null}. */
        public Builder property(String uri, String value) {
            properties.put(requireText(uri, "property"), Optional.ofNullable(value));
            return this;
        }

        /** The link. */
        public Link build() {
            return new Link(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be null or blank");
            }
            return value;
        }
    }
}
