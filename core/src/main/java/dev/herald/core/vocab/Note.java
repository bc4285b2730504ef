package dev.herald.core.vocab;

import dev.herald.core.internal.Checks;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A post: a {@code Note} (a status) or an {@code Article} (a titled post). Herald publishes these for
 * the site and reads replies in this shape. Other content types (Lemmy's {@code Page}, polls, videos,
 * events) are read as {@link GenericObject}.
 *
 * <p>A content warning is {@code summary} with {@code sensitive} set, as Mastodon writes it.
 *
 * <p>Immutable and thread-safe; the {@link Builder} is not.
 *
 * @param id the post's id
 * @param type {@code Note} or {@code Article}
 * @param attributedTo the author
 * @param name the title (articles)
 * @param summary the content warning, or an article's summary
 * @param content the body, HTML
 * @param contentMap the body by language tag ({@code {"en": "<p>…</p>"}})
 * @param sensitive whether the content and media sit behind a warning
 * @param inReplyTo the post this one answers
 * @param quote the post this one quotes (read from {@code quote}, {@code quoteUrl}, {@code quoteUri} or
 *     {@code _misskey_quote})
 * @param url the human-readable page of the post
 * @param published when it was published
 * @param updated when it was last edited
 * @param to primary audience
 * @param cc secondary audience
 * @param tags hashtags, mentions and custom emoji
 * @param attachments media
 */
public record Note(
        URI id,
        NoteType type,
        URI attributedTo,
        Optional<String> name,
        Optional<String> summary,
        Optional<String> content,
        Map<String, String> contentMap,
        boolean sensitive,
        Optional<URI> inReplyTo,
        Optional<URI> quote,
        Optional<URI> url,
        Optional<Instant> published,
        Optional<Instant> updated,
        List<URI> to,
        List<URI> cc,
        List<Tag> tags,
        List<Attachment> attachments)
        implements ApObject {

    /** Checks that every part is present and makes the collections immutable. */
    public Note {
        Checks.absolute(id, "id");
        Checks.notNull(type, "type");
        Checks.absolute(attributedTo, "attributedTo");
        Checks.notNull(name, "name");
        Checks.notNull(summary, "summary");
        Checks.notNull(content, "content");
        contentMap = Checks.map(contentMap, "contentMap");
        Checks.notNull(inReplyTo, "inReplyTo");
        Checks.notNull(quote, "quote");
        Checks.notNull(url, "url");
        Checks.notNull(published, "published");
        Checks.notNull(updated, "updated");
        to = Checks.list(to, "to");
        cc = Checks.list(cc, "cc");
        tags = Checks.list(tags, "tags");
        attachments = Checks.list(attachments, "attachments");
    }

    @Override
    public String typeName() {
        return type.jsonName();
    }

    /** Whether the public collection is among {@code to} or {@code cc}. */
    public boolean isPublic() {
        return to.contains(Addressing.PUBLIC) || cc.contains(Addressing.PUBLIC);
    }

    /** A builder for a post {@code id} of {@code type} written by {@code attributedTo}. */
    public static Builder builder(URI id, NoteType type, URI attributedTo) {
        return new Builder(id, type, attributedTo);
    }

    /** A builder pre-filled with this post's parts, to derive a changed copy (an edit). */
    public Builder toBuilder() {
        Builder b = new Builder(id, type, attributedTo);
        b.name = name;
        b.summary = summary;
        b.content = content;
        b.contentMap.putAll(contentMap);
        b.sensitive = sensitive;
        b.inReplyTo = inReplyTo;
        b.quote = quote;
        b.url = url;
        b.published = published;
        b.updated = updated;
        b.to.addAll(to);
        b.cc.addAll(cc);
        b.tags.addAll(tags);
        b.attachments.addAll(attachments);
        return b;
    }

    /** Builds a {@link Note}. Setters replace, adders append. Not thread-safe. */
    public static final class Builder {
        private final URI id;
        private final NoteType type;
        private final URI attributedTo;
        private Optional<String> name = Optional.empty();
        private Optional<String> summary = Optional.empty();
        private Optional<String> content = Optional.empty();
        private final Map<String, String> contentMap = new LinkedHashMap<>();
        private boolean sensitive;
        private Optional<URI> inReplyTo = Optional.empty();
        private Optional<URI> quote = Optional.empty();
        private Optional<URI> url = Optional.empty();
        private Optional<Instant> published = Optional.empty();
        private Optional<Instant> updated = Optional.empty();
        private final List<URI> to = new ArrayList<>();
        private final List<URI> cc = new ArrayList<>();
        private final List<Tag> tags = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();

        private Builder(URI id, NoteType type, URI attributedTo) {
            this.id = Checks.absolute(id, "id");
            this.type = Checks.notNull(type, "type");
            this.attributedTo = Checks.absolute(attributedTo, "attributedTo");
        }

        /** Sets the title. */
        public Builder name(String name) {
            this.name = Optional.of(Checks.notNull(name, "name"));
            return this;
        }

        /** Sets the summary without marking the post sensitive. */
        public Builder summary(String summary) {
            this.summary = Optional.of(Checks.notNull(summary, "summary"));
            return this;
        }

        /** Sets a content warning: {@code summary} = {@code warning} and {@code sensitive} = true. */
        public Builder contentWarning(String warning) {
            this.summary = Optional.of(Checks.notBlank(warning, "warning"));
            this.sensitive = true;
            return this;
        }

        /** Sets the body (HTML). */
        public Builder content(String content) {
            this.content = Optional.of(Checks.notNull(content, "content"));
            return this;
        }

        /** Adds the body in {@code language} (a BCP 47 tag such as {@code en}). */
        public Builder putContentMap(String language, String content) {
            contentMap.put(Checks.notBlank(language, "language"), Checks.notNull(content, "content"));
            return this;
        }

        /** Sets whether the content and media sit behind a warning. */
        public Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /** Sets the post this one answers. */
        public Builder inReplyTo(URI inReplyTo) {
            this.inReplyTo = Optional.of(Checks.absolute(inReplyTo, "inReplyTo"));
            return this;
        }

        /** Sets the post this one quotes. */
        public Builder quote(URI quote) {
            this.quote = Optional.of(Checks.absolute(quote, "quote"));
            return this;
        }

        /** Sets the post's page. */
        public Builder url(URI url) {
            this.url = Optional.of(Checks.absolute(url, "url"));
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

        /** Adds a primary recipient (an actor, a followers collection or {@link Addressing#PUBLIC}). */
        public Builder addTo(URI recipient) {
            to.add(Checks.absolute(recipient, "recipient"));
            return this;
        }

        /** Adds a secondary recipient. */
        public Builder addCc(URI recipient) {
            cc.add(Checks.absolute(recipient, "recipient"));
            return this;
        }

        /** Adds a hashtag, mention or custom emoji. */
        public Builder addTag(Tag tag) {
            tags.add(Checks.notNull(tag, "tag"));
            return this;
        }

        /** Adds a media attachment. */
        public Builder addAttachment(Attachment attachment) {
            attachments.add(Checks.notNull(attachment, "attachment"));
            return this;
        }

        /** The post. */
        public Note build() {
            return new Note(
                    id,
                    type,
                    attributedTo,
                    name,
                    summary,
                    content,
                    contentMap,
                    sensitive,
                    inReplyTo,
                    quote,
                    url,
                    published,
                    updated,
                    to,
                    cc,
                    tags,
                    attachments);
        }
    }
}
