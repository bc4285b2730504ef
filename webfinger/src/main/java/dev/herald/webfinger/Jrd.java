package dev.herald.webfinger;

import dev.herald.webfinger.internal.BadInput;
import dev.herald.webfinger.internal.JrdJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON Resource Descriptor (RFC 7033 §4.4): what WebFinger says about a subject.
 *
 * <p>{@link #toJson()} writes it as Mastodon, Misskey and GoToSocial expect; {@link #parse(byte[])} reads one
 * tolerantly: escaped slashes, missing members, aliases that are not URIs and members of the wrong type (which are
 * skipped) are all accepted, because real servers send them.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}.
 */
public final class Jrd {
    private final String subject;
    private final List<String> aliases;
    private final Map<String, Optional<String>> properties;
    private final List<Link> links;

    private Jrd(Builder builder) {
        this.subject = builder.subject;
        this.aliases = List.copyOf(builder.aliases);
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
        this.links = List.copyOf(builder.links);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a JRD from JSON bytes (UTF-8, or UTF-16/32 with a detectable encoding).
     *
     * @throws WebFingerException.InvalidJrd if it is not JSON or not a JSON object
     */
    public static Jrd parse(byte[] json) throws WebFingerException.InvalidJrd {
        try {
            return JrdJson.read(json);
        } catch (BadInput e) {
            throw new WebFingerException.InvalidJrd(null, e.reason());
        }
    }

    /**
     * Reads a JRD from JSON text.
     *
     * @throws WebFingerException.InvalidJrd if it is not JSON or not a JSON object
     */
    public static Jrd parse(String json) throws WebFingerException.InvalidJrd {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The subject, usually the canonical {@code acct:} URI; RFC 7033 lets a server omit it. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /**
     * The subject as a parsed resource; empty if there is no subject or it is not an acct, mailto, https or http
     * URI.
     */
    public Optional<Resource> subjectResource() {
        if (subject == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Resource.parse(subject));
        } catch (InvalidResourceException e) {
            return Optional.empty();
        }
    }

    /** The aliases, as given (not necessarily URIs: Mastodon once sent {@code foo@ap.example.com}). */
    public List<String> aliases() {
        return aliases;
    }

    /** Properties of the subject by URI; a value may be absent (JSON {@code null}). */
    public Map<String, Optional<String>> properties() {
        return properties;
    }

    /** All links, in the order given. */
    public List<Link> links() {
        return links;
    }

    /** The links with a relation type, in the order given. */
    public List<Link> links(String rel) {
        List<Link> matching = new ArrayList<>();
        for (Link link : links) {
            if (link.hasRel(rel)) {
                matching.add(link);
            }
        }
        return Collections.unmodifiableList(matching);
    }

    /** The first link with a relation type. */
    public Optional<Link> link(String rel) {
        for (Link link : links) {
            if (link.hasRel(rel)) {
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }

    /**
     * The ActivityPub actor: the href of the first {@code self} link whose type is an ActivityPub media type and
     * whose href is an absolute http(s) URI. Empty for servers without ActivityPub (GNU social's OStatus links).
     */
    public Optional<URI> activityPubActor() {
        for (Link link : links) {
            if (link.isActivityPubSelf()) {
                Optional<URI> href = link.hrefUri();
                if (href.isPresent() && isHttp(href.get())) {
                    return href;
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme();
        return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null;
    }

    /**
     * This JRD with only the links whose relation type is one of {@code rels} (RFC 7033 §4.3); subject, aliases
     * and properties are kept. An empty collection means no filter.
     */
    public Jrd withRels(Collection<String> rels) {
        if (rels.isEmpty()) {
            return this;
        }
        Builder builder = toBuilder();
        builder.links.clear();
        for (Link link : links) {
            for (String rel : rels) {
                if (link.hasRel(rel)) {
                    builder.links.add(link);
                    break;
                }
            }
        }
        return builder.build();
    }

    /** A builder holding this JRD's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.subject = subject;
        builder.aliases.addAll(aliases);
        builder.properties.putAll(properties);
        builder.links.addAll(links);
        return builder;
    }

    /** The JSON form (UTF-8, slashes not escaped): subject, aliases, properties, links. */
    public byte[] toJson() {
        return JrdJson.write(this);
    }

    /** The JSON form as text. */
    public String toJsonString() {
        return new String(toJson(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Jrd)) {
            return false;
        }
        Jrd that = (Jrd) other;
        return Objects.equals(subject, that.subject)
                && aliases.equals(that.aliases)
                && properties.equals(that.properties)
                && links.equals(that.links);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subject, aliases, properties, links);
    }

    @Override
    public String toString() {
        return "Jrd{subject=" + subject + ", aliases=" + aliases + ", links=" + links + "}";
    }

    /** Builds a {@link Jrd}. Not thread-safe; each {@link #build()} returns an independent immutable JRD. */
    public static final class Builder {
        private String subject;
        private final List<String> aliases = new ArrayList<>();
        private final Map<String, Optional<String>> properties = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();

        private Builder() {}

        /** Sets the subject, usually {@code acct:user@handle-host}. */
        public Builder subject(String value) {
            this.subject = requireText(value, "subject");
            return this;
        }

        /** Sets the subject to a resource's canonical form. */
        public Builder subject(Resource resource) {
            return subject(Objects.requireNonNull(resource, "subject").toString());
        }

        /** Adds an alias (for an actor: its id and its profile URL, as Mastodon lists them). */
        public Builder alias(String alias) {
            aliases.add(requireText(alias, "alias"));
            return this;
        }

        /** Adds an alias URI. */
        public Builder alias(URI alias) {
            return alias(Objects.requireNonNull(alias, "alias").toString());
        }

        /** Adds a property of the subject; a {@code null} value is written as JSON {@code null}. */
        public Builder property(String uri, String value) {
            properties.put(requireText(uri, "property"), Optional.ofNullable(value));
            return this;
        }

        /** Adds a link. */
        public Builder link(Link link) {
            links.add(Objects.requireNonNull(link, "link"));
            return this;
        }

        /** Adds the ActivityPub {@code self} link to an actor (see {@link Link#activityPubSelf(URI)}). */
        public Builder activityPubActor(URI actor) {
            return link(Link.activityPubSelf(actor));
        }

        /** Adds the profile-page link (see {@link Link#profilePage(URI)}). */
        public Builder profilePage(URI page) {
            return link(Link.profilePage(page));
        }

        /** Adds Mastodon's OStatus subscribe template (see {@link Link#subscribe(String)}). */
        public Builder subscribeTemplate(String template) {
            return link(Link.subscribe(template));
        }

        /** The JRD. */
        public Jrd build() {
            return new Jrd(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be null or blank");
            }
            return value;
        }
    }
}
