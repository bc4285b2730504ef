package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An actor: a {@code Person}, {@code Organization}, {@code Service}, {@code Application} or
 * {@code Group} with an inbox. Herald publishes one for the site and reads remote ones (followers,
 * repliers, key owners).
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param id the actor's id (its URL)
 * @param type the actor type
 * @param inbox where activities for this actor are delivered
 * @param preferredUsername the handle's user part ({@code org} in {@code @org@example.org})
 * @param name the display name
 * @param summary the bio, HTML
 * @param url the actor's human-readable profile page
 * @param outbox the actor's outbox collection
 * @param followers the followers collection
 * @param following the following collection
 * @param featured the pinned-posts collection
 * @param featuredTags the featured-hashtags collection
 * @param sharedInbox the server's shared inbox ({@code endpoints.sharedInbox}), preferred for delivery
 * @param icon the avatar
 * @param image the header picture
 * @param publicKeys the actor's keys ({@code publicKey}); usually exactly one
 * @param fields the profile fields ({@code PropertyValue} attachments)
 * @param tags hashtags and custom emoji used in the name and bio
 * @param manuallyApprovesFollowers whether follow requests wait for approval (a locked account)
 * @param discoverable whether the actor may be featured in directories ({@code toot:discoverable})
 * @param indexable whether the actor's public posts may be full-text indexed ({@code toot:indexable})
 * @param published when the account was created
 * @param updated when the profile last changed; Mastodon ignores an {@code Update} without it
 * @param alsoKnownAs other accounts of the same owner (needed before a {@code Move} to this actor)
 * @param movedTo the account this one moved to
 * @param attributionDomains sites whose {@code fediverse:creator} links may name this actor
 */
public record Actor(
        URI id,
        ActorType type,
        URI inbox,
        Optional<String> preferredUsername,
        Optional<String> name,
        Optional<String> summary,
        Optional<URI> url,
        Optional<URI> outbox,
        Optional<URI> followers,
        Optional<URI> following,
        Optional<URI> featured,
        Optional<URI> featuredTags,
        Optional<URI> sharedInbox,
        Optional<Image> icon,
        Optional<Image> image,
        List<PublicKey> publicKeys,
        List<PropertyValue> fields,
        List<Tag> tags,
        boolean manuallyApprovesFollowers,
        boolean discoverable,
        boolean indexable,
        Optional<Instant> published,
        Optional<Instant> updated,
        List<URI> alsoKnownAs,
        Optional<URI> movedTo,
        List<String> attributionDomains)
        implements ApObject {

    /** Checks that every part is present and makes the lists immutable. */
    public Actor {
        Checks.absolute(id, "id");
        Checks.notNull(type, "type");
        Checks.absolute(inbox, "inbox");
        Checks.notNull(preferredUsername, "preferredUsername");
        Checks.notNull(name, "name");
        Checks.notNull(summary, "summary");
        Checks.notNull(url, "url");
        Checks.notNull(outbox, "outbox");
        Checks.notNull(followers, "followers");
        Checks.notNull(following, "following");
        Checks.notNull(featured, "featured");
        Checks.notNull(featuredTags, "featuredTags");
        Checks.notNull(sharedInbox, "sharedInbox");
        Checks.notNull(icon, "icon");
        Checks.notNull(image, "image");
        publicKeys = Checks.list(publicKeys, "publicKeys");
        fields = Checks.list(fields, "fields");
        tags = Checks.list(tags, "tags");
        Checks.notNull(published, "published");
        Checks.notNull(updated, "updated");
        alsoKnownAs = Checks.list(alsoKnownAs, "alsoKnownAs");
        Checks.notNull(movedTo, "movedTo");
        attributionDomains = Checks.list(attributionDomains, "attributionDomains");
    }

    @Override
    public String typeName() {
        return type.jsonName();
    }

    /** The first (usually only) public key. */
    public Optional<PublicKey> publicKey() {
        return publicKeys.stream().findFirst();
    }

    /** The key whose id is {@code keyId}, as named by a signature's {@code keyId}. */
    public Optional<PublicKey> publicKey(URI keyId) {
        return publicKeys.stream().filter(k -> k.id().equals(keyId)).findFirst();
    }

    /** The inbox to deliver to: the shared inbox if the server has one, else the actor's own. */
    public URI deliveryInbox() {
        return sharedInbox.orElse(inbox);
    }

    /** A builder for an actor with the three parts every actor needs. */
    public static Builder builder(URI id, ActorType type, URI inbox) {
        return new Builder(id, type, inbox);
    }

    /** A builder pre-filled with this actor's parts, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id, type, inbox);
        b.preferredUsername = preferredUsername;
        b.name = name;
        b.summary = summary;
        b.url = url;
        b.outbox = outbox;
        b.followers = followers;
        b.following = following;
        b.featured = featured;
        b.featuredTags = featuredTags;
        b.sharedInbox = sharedInbox;
        b.icon = icon;
        b.image = image;
        b.publicKeys.addAll(publicKeys);
        b.fields.addAll(fields);
        b.tags.addAll(tags);
        b.manuallyApprovesFollowers = manuallyApprovesFollowers;
        b.discoverable = discoverable;
        b.indexable = indexable;
        b.published = published;
        b.updated = updated;
        b.alsoKnownAs.addAll(alsoKnownAs);
        b.movedTo = movedTo;
        b.attributionDomains.addAll(attributionDomains);
        return b;
    }

    /** Builds an {@link Actor}. Every setter replaces the previous value; list adders append. Not thread-safe. */
    public static final class Builder {
        private final URI id;
        private final ActorType type;
        private final URI inbox;
        private Optional<String> preferredUsername = Optional.empty();
        private Optional<String> name = Optional.empty();
        private Optional<String> summary = Optional.empty();
        private Optional<URI> url = Optional.empty();
        private Optional<URI> outbox = Optional.empty();
        private Optional<URI> followers = Optional.empty();
        private Optional<URI> following = Optional.empty();
        private Optional<URI> featured = Optional.empty();
        private Optional<URI> featuredTags = Optional.empty();
        private Optional<URI> sharedInbox = Optional.empty();
        private Optional<Image> icon = Optional.empty();
        private Optional<Image> image = Optional.empty();
        private final List<PublicKey> publicKeys = new ArrayList<>();
        private final List<PropertyValue> fields = new ArrayList<>();
        private final List<Tag> tags = new ArrayList<>();
        private boolean manuallyApprovesFollowers;
        private boolean discoverable;
        private boolean indexable;
        private Optional<Instant> published = Optional.empty();
        private Optional<Instant> updated = Optional.empty();
        private final List<URI> alsoKnownAs = new ArrayList<>();
        private Optional<URI> movedTo = Optional.empty();
        private final List<String> attributionDomains = new ArrayList<>();

        private Builder(URI id, ActorType type, URI inbox) {
            this.id = Checks.absolute(id, "id");
            this.type = Checks.notNull(type, "type");
            this.inbox = Checks.absolute(inbox, "inbox");
        }

        /** Sets the handle's user part. */
        public Builder preferredUsername(String preferredUsername) {
            this.preferredUsername = Optional.of(Checks.notBlank(preferredUsername, "preferredUsername"));
            return this;
        }

        /** Sets the display name. */
        public Builder name(String name) {
            this.name = Optional.of(Checks.notNull(name, "name"));
            return this;
        }

        /** Sets the bio (HTML). */
        public Builder summary(String summary) {
            this.summary = Optional.of(Checks.notNull(summary, "summary"));
            return this;
        }

        /** Sets the profile page URL. */
        public Builder url(URI url) {
            this.url = Optional.of(Checks.absolute(url, "url"));
            return this;
        }

        /** Sets the outbox. */
        public Builder outbox(URI outbox) {
            this.outbox = Optional.of(Checks.absolute(outbox, "outbox"));
            return this;
        }

        /** Sets the followers collection. */
        public Builder followers(URI followers) {
            this.followers = Optional.of(Checks.absolute(followers, "followers"));
            return this;
        }

        /** Sets the following collection. */
        public Builder following(URI following) {
            this.following = Optional.of(Checks.absolute(following, "following"));
            return this;
        }

        /** Sets the pinned-posts collection. */
        public Builder featured(URI featured) {
            this.featured = Optional.of(Checks.absolute(featured, "featured"));
            return this;
        }

        /** Sets the featured-hashtags collection. */
        public Builder featuredTags(URI featuredTags) {
            this.featuredTags = Optional.of(Checks.absolute(featuredTags, "featuredTags"));
            return this;
        }

        /** Sets the shared inbox. */
        public Builder sharedInbox(URI sharedInbox) {
            this.sharedInbox = Optional.of(Checks.absolute(sharedInbox, "sharedInbox"));
            return this;
        }

        /** Sets the avatar. */
        public Builder icon(Image icon) {
            this.icon = Optional.of(Checks.notNull(icon, "icon"));
            return this;
        }

        /** Sets the header picture. */
        public Builder image(Image image) {
            this.image = Optional.of(Checks.notNull(image, "image"));
            return this;
        }

        /** Adds a public key. */
        public Builder addPublicKey(PublicKey publicKey) {
            publicKeys.add(Checks.notNull(publicKey, "publicKey"));
            return this;
        }

        /** Adds a profile field. */
        public Builder addField(PropertyValue field) {
            fields.add(Checks.notNull(field, "field"));
            return this;
        }

        /** Adds a tag (hashtag or custom emoji used in the name or bio). */
        public Builder addTag(Tag tag) {
            tags.add(Checks.notNull(tag, "tag"));
            return this;
        }

        /** Sets whether follow requests wait for approval. */
        public Builder manuallyApprovesFollowers(boolean manuallyApprovesFollowers) {
            this.manuallyApprovesFollowers = manuallyApprovesFollowers;
            return this;
        }

        /** Sets whether the actor may be featured in directories. */
        public Builder discoverable(boolean discoverable) {
            this.discoverable = discoverable;
            return this;
        }

        /** Sets whether the actor's public posts may be indexed for search. */
        public Builder indexable(boolean indexable) {
            this.indexable = indexable;
            return this;
        }

        /** Sets when the account was created. */
        public Builder published(Instant published) {
            this.published = Optional.of(Checks.notNull(published, "published"));
            return this;
        }

        /** Sets when the profile last changed. */
        public Builder updated(Instant updated) {
            this.updated = Optional.of(Checks.notNull(updated, "updated"));
            return this;
        }

        /** Adds another account of the same owner. */
        public Builder addAlsoKnownAs(URI alias) {
            alsoKnownAs.add(Checks.absolute(alias, "alias"));
            return this;
        }

        /** Sets the account this one moved to. */
        public Builder movedTo(URI movedTo) {
            this.movedTo = Optional.of(Checks.absolute(movedTo, "movedTo"));
            return this;
        }

        /** Adds a domain whose {@code fediverse:creator} links may credit this actor. */
        public Builder addAttributionDomain(String domain) {
            attributionDomains.add(Checks.notBlank(domain, "domain"));
            return this;
        }

        /** The actor. */
        public Actor build() {
            return new Actor(
                    id,
                    type,
                    inbox,
                    preferredUsername,
                    name,
                    summary,
                    url,
                    outbox,
                    followers,
                    following,
                    featured,
                    featuredTags,
                    sharedInbox,
                    icon,
                    image,
                    publicKeys,
                    fields,
                    tags,
                    manuallyApprovesFollowers,
                    discoverable,
                    indexable,
                    published,
                    updated,
                    alsoKnownAs,
                    movedTo,
                    attributionDomains);
        }
    }
}
