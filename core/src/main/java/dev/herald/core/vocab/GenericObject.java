package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Any object whose type Herald does not model in full: Lemmy's {@code Page}, Misskey's and Mastodon's
 * {@code Question} (polls), PeerTube's {@code Video}, Mobilizon's {@code Event}, activity types outside
 * {@link ActivityType}, and whatever else arrives. The parts every post-like object shares are kept, so
 * a reply or a boosted post of such a type can still be shown and linked; the rest stays in the raw
 * JSON of the read document.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param id the object's id
 * @param type the ActivityStreams type as written, for example {@code Page}
 * @param attributedTo the author (the first one, where several are listed)
 * @param name the title
 * @param summary the summary or content warning
 * @param content the body, HTML
 * @param sensitive whether it sits behind a warning
 * @param url its human-readable page (the first {@code text/html} link, where several are listed)
 * @param inReplyTo what it answers
 * @param published when it was published
 * @param updated when it was last edited
 * @param to primary audience
 * @param cc secondary audience
 */
public record GenericObject(
        Optional<URI> id,
        String type,
        Optional<URI> attributedTo,
        Optional<String> name,
        Optional<String> summary,
        Optional<String> content,
        boolean sensitive,
        Optional<URI> url,
        Optional<URI> inReplyTo,
        Optional<Instant> published,
        Optional<Instant> updated,
        List<URI> to,
        List<URI> cc)
        implements ApObject {

    /** Checks that every part is present and makes the lists immutable. */
    public GenericObject {
        Checks.notNull(id, "id");
        id.ifPresent(i -> Checks.absolute(i, "id"));
        Checks.notBlank(type, "type");
        Checks.notNull(attributedTo, "attributedTo");
        Checks.notNull(name, "name");
        Checks.notNull(summary, "summary");
        Checks.notNull(content, "content");
        Checks.notNull(url, "url");
        Checks.notNull(inReplyTo, "inReplyTo");
        Checks.notNull(published, "published");
        Checks.notNull(updated, "updated");
        to = Checks.list(to, "to");
        cc = Checks.list(cc, "cc");
    }

    @Override
    public String typeName() {
        return type;
    }

    /** A builder for an object of {@code type}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** Builds a {@link GenericObject}. Setters replace, adders append. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private Optional<URI> id = Optional.empty();
        private Optional<URI> attributedTo = Optional.empty();
        private Optional<String> name = Optional.empty();
        private Optional<String> summary = Optional.empty();
        private Optional<String> content = Optional.empty();
        private boolean sensitive;
        private Optional<URI> url = Optional.empty();
        private Optional<URI> inReplyTo = Optional.empty();
        private Optional<Instant> published = Optional.empty();
        private Optional<Instant> updated = Optional.empty();
        private final List<URI> to = new ArrayList<>();
        private final List<URI> cc = new ArrayList<>();

        private Builder(String type) {
            this.type = Checks.notBlank(type, "type");
        }

        /** Sets the id. */
        public Builder id(URI id) {
            this.id = Optional.of(Checks.absolute(id, "id"));
            return this;
        }

        /** Sets the author. */
        public Builder attributedTo(URI attributedTo) {
            this.attributedTo = Optional.of(Checks.absolute(attributedTo, "attributedTo"));
            return this;
        }

        /** Sets the title. */
        public Builder name(String name) {
            this.name = Optional.of(Checks.notNull(name, "name"));
            return this;
        }

        /** Sets the summary. */
        public Builder summary(String summary) {
            this.summary = Optional.of(Checks.notNull(summary, "summary"));
            return this;
        }

        /** Sets the body. */
        public Builder content(String content) {
            this.content = Optional.of(Checks.notNull(content, "content"));
            return this;
        }

        /** Sets whether it sits behind a warning. */
        public Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /** Sets its page. */
        public Builder url(URI url) {
            this.url = Optional.of(Checks.absolute(url, "url"));
            return this;
        }

        /** Sets what it answers. */
        public Builder inReplyTo(URI inReplyTo) {
            this.inReplyTo = Optional.of(Checks.absolute(inReplyTo, "inReplyTo"));
            return this;
        }

        /** Sets when it was published. */
        public Builder published(Instant published) {
            this.published = Optional.of(Checks.notNull(published, "published"));
            return this;
        }

        /** Sets when it was last edited. */
        public Builder updated(Instant updated) {
            this.updated = Optional.of(Checks.notNull(updated, "updated"));
            return this;
        }

        /** Adds a primary recipient. */
        public Builder addTo(URI recipient) {
            to.add(Checks.absolute(recipient, "recipient"));
            return this;
        }

        /** Adds a secondary recipient. */
        public Builder addCc(URI recipient) {
            cc.add(Checks.absolute(recipient, "recipient"));
            return this;
        }

        /** The object. */
        public GenericObject build() {
            return new GenericObject(
                    id,
                    type,
                    attributedTo,
                    name,
                    summary,
                    content,
                    sensitive,
                    url,
                    inReplyTo,
                    published,
                    updated,
                    to,
                    cc);
        }
    }
}
