package dev.herald.core.outbox;

import dev.herald.core.internal.Checks;
import dev.herald.core.internal.http.Json;
import dev.herald.core.jsonld.DocumentWriter;
import dev.herald.core.outbox.internal.Html;
import dev.herald.core.outbox.internal.Markup;
import dev.herald.core.outbox.internal.QuotePolicies;
import dev.herald.core.vocab.Activity;
import dev.herald.core.vocab.ActivityType;
import dev.herald.core.vocab.Addressing;
import dev.herald.core.vocab.Attachment;
import dev.herald.core.vocab.Note;
import dev.herald.core.vocab.NoteType;
import dev.herald.core.vocab.Tag;
import dev.herald.core.vocab.Tombstone;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link Post} into the {@code Note} or {@code Article} Mastodon reads (interop requirements B7), and that
 * object into its {@code Create}, {@code Update} and {@code Delete} activities and the {@code Add}/{@code Remove}
 * of a pin. Pure: no I/O, no clock; the caller passes ids, times and resolved mentions.
 *
 * <p>What it writes: {@code content} (and {@code contentMap} under the post's language) with hashtags and
 * resolved mentions linked; {@code summary} + {@code sensitive} for a content warning; {@code tag} with a {@code
 * Hashtag} per tag and a {@code Mention} per resolved mention; {@code attachment} with the alt text as {@code
 * name}; {@code url}; {@code published}, {@code updated}; {@code to}/{@code cc} from the visibility, with mentioned
 * actors in {@code cc}; {@code interactionPolicy.canQuote} from the {@linkplain Post#quotePolicy() quote policy}. A
 * post whose text is longer than the threshold is an {@code Article} with a {@code name} and a {@code Note} {@code
 * preview} (FEP-b2b8), since Mastodon shows an Article only as a title and link.
 *
 * <p>Immutable and thread-safe.
 */
public final class PostRenderer {
    private static final DocumentWriter WRITER = DocumentWriter.create();

    private final PublishSettings settings;

    private PostRenderer(PublishSettings settings) {
        this.settings = Checks.notNull(settings, "settings");
    }

    /** A renderer with these settings. */
    public static PostRenderer of(PublishSettings settings) {
        return new PostRenderer(settings);
    }

    /** The settings. */
    public PublishSettings settings() {
        return settings;
    }

    /** The id a new post gets: its slug under the objects base, else a random UUID. */
    public URI newObjectId(Post post) {
        return settings.objectId(post.slug().orElseGet(() -> UUID.randomUUID().toString()));
    }

    /**
     * The post as an object.
     *
     * @param id its id (from {@link #newObjectId}; an edit keeps the original)
     * @param published when it was published
     * @param updated when it was edited, for an {@code Update}
     * @param mentions the resolved mentions by handle ({@code user@host}, lower case); others stay text
     */
    public RenderedPost render(
            Post post,
            Author author,
            URI id,
            Instant published,
            Optional<Instant> updated,
            Map<String, MentionResolver.Resolved> mentions) {
        Checks.notNull(post, "post");
        Checks.notNull(author, "author");
        Checks.absolute(id, "id");
        Checks.notNull(published, "published");
        Checks.notNull(updated, "updated");
        Checks.notNull(mentions, "mentions");

        Map<String, MentionResolver.Resolved> used = new LinkedHashMap<>();
        for (String handle : post.mentions()) {
            MentionResolver.Resolved r = mentions.get(handle.toLowerCase(Locale.ROOT));
            if (r != null) {
                used.put(handle.toLowerCase(Locale.ROOT), r);
            }
        }
        String linked = content(post, used);
        boolean article = Html.text(linked).length() > settings.articleThreshold();
        NoteType type = article ? NoteType.ARTICLE : NoteType.NOTE;
        String content = !article && post.title().isPresent()
                ? "<p><strong>" + Html.escape(post.title().get()) + "</strong></p>" + linked
                : linked;

        Note.Builder note =
                Note.builder(id, type, author.actor()).content(content).published(published);
        if (article) {
            note.name(post.title().orElseGet(() -> firstWords(Html.text(content), 100)));
        }
        post.contentWarning().ifPresent(note::contentWarning);
        if (post.sensitive()) {
            note.sensitive(true);
        }
        post.language().ifPresent(lang -> note.putContentMap(lang, content));
        post.url().ifPresent(note::url);
        post.inReplyTo().ifPresent(note::inReplyTo);
        updated.ifPresent(note::updated);
        addressing(post.visibility(), author, used.values(), note::addTo, note::addCc);
        for (Tag tag : tags(post, used)) {
            note.addTag(tag);
        }
        for (Media media : post.media()) {
            note.addAttachment(attachment(media));
        }
        Note built = note.build();
        JsonObject json =
                QuotePolicies.addTo(WRITER.toJson(built), post.quotePolicy(), author.actor(), author.followers());
        if (article) {
            json = with(json, "preview", preview(post, built));
        }
        List<URI> inboxes = new ArrayList<>(new LinkedHashSet<>(
                used.values().stream().map(MentionResolver.Resolved::inbox).toList()));
        return new RenderedPost(built, json, post.visibility(), inboxes);
    }

    /** The {@code Create} of {@code post}: id {@code <object>#create}, same audience, the object embedded. */
    public JsonObject create(RenderedPost post) {
        URI id = URI.create(post.id() + "#create");
        return wrap(ActivityType.CREATE, id, post, post.note().published().orElseThrow());
    }

    /** The {@code Update} of an edited post (render it with {@code updated} set), with a new activity id. */
    public JsonObject update(RenderedPost post) {
        Instant when = post.note()
                .updated()
                .orElseThrow(() ->
                        new IllegalArgumentException("render the edited post with updated set: Mastodon ignores an "
                                + "Update without a newer updated"));
        return wrap(ActivityType.UPDATE, settings.activityId(UUID.randomUUID().toString()), post, when);
    }

    /**
     * The {@code Delete} of the post {@code id}: id {@code <object>#delete}, a {@code Tombstone} as object,
     * addressed as the post was.
     */
    public JsonObject delete(URI id, Author author, Visibility visibility, Instant when) {
        Activity.Builder delete = Activity.builder(ActivityType.DELETE, author.actor())
                .id(URI.create(id + "#delete"))
                .object(Tombstone.of(id))
                .published(when);
        addressing(visibility, author, List.of(), delete::addTo, delete::addCc);
        return WRITER.toJson(delete.build());
    }

    /** The {@code Add} (pin) or {@code Remove} (unpin) of the post {@code id} to the author's featured collection. */
    public JsonObject pin(URI id, Author author, boolean pinned, Instant when) {
        Activity activity = Activity.builder(pinned ? ActivityType.ADD : ActivityType.REMOVE, author.actor())
                .id(settings.activityId(UUID.randomUUID().toString()))
                .object(id)
                .target(author.featured())
                .addTo(Addressing.PUBLIC)
                .addCc(author.followers())
                .published(when)
                .build();
        return WRITER.toJson(activity);
    }

    private JsonObject wrap(ActivityType type, URI activityId, RenderedPost post, Instant when) {
        Note note = post.note();
        Activity.Builder activity = Activity.builder(type, note.attributedTo())
                .id(activityId)
                .object(note)
                .published(when);
        note.to().forEach(activity::addTo);
        note.cc().forEach(activity::addCc);
        JsonObject json = WRITER.toJson(activity.build());
        // The vocabulary has neither the quote policy nor an Article's preview: put the rendered object (without
        // its own @context) in whole, under its context, which covers the activity's terms too.
        JsonObject object = post.json();
        JsonObjectBuilder embedded = Json.PROVIDER.createObjectBuilder(object);
        embedded.remove("@context");
        return Json.PROVIDER
                .createObjectBuilder(json)
                .add("object", embedded)
                .add("@context", object.get("@context"))
                .build();
    }

    private String content(Post post, Map<String, MentionResolver.Resolved> mentions) {
        Map<String, Markup.LinkedMention> links = new LinkedHashMap<>();
        mentions.forEach((handle, r) ->
                links.put(handle, new Markup.LinkedMention(handle.substring(0, handle.indexOf('@')), r.actor())));
        String html = Markup.link(post.html(), settings::tagUrl, links);
        Set<String> inText = new LinkedHashSet<>();
        Markup.scan(post.html()).hashtags().forEach(t -> inText.add(t.toLowerCase(Locale.ROOT)));
        StringBuilder extra = new StringBuilder();
        for (String tag : post.hashtags()) {
            if (!inText.contains(tag.toLowerCase(Locale.ROOT))) {
                extra.append(extra.length() == 0 ? "" : " ")
                        .append(Markup.hashtagLink(tag, settings.tagUrl(tag)).outerHtml());
            }
        }
        return extra.length() == 0 ? html : html + "<p>" + extra + "</p>";
    }

    private List<Tag> tags(Post post, Map<String, MentionResolver.Resolved> mentions) {
        List<Tag> tags = new ArrayList<>();
        for (String tag : post.hashtags()) {
            tags.add(Tag.Hashtag.of("#" + tag, settings.tagUrl(tag)));
        }
        for (MentionResolver.Resolved r : mentions.values()) {
            tags.add(Tag.Mention.of(r.actor(), "@" + r.handle()));
        }
        return tags;
    }

    private static void addressing(
            Visibility visibility,
            Author author,
            java.util.Collection<MentionResolver.Resolved> mentions,
            java.util.function.Consumer<URI> to,
            java.util.function.Consumer<URI> cc) {
        switch (visibility) {
            case PUBLIC -> {
                to.accept(Addressing.PUBLIC);
                cc.accept(author.followers());
            }
            case UNLISTED -> {
                to.accept(author.followers());
                cc.accept(Addressing.PUBLIC);
            }
            case FOLLOWERS -> to.accept(author.followers());
        }
        mentions.stream().map(MentionResolver.Resolved::actor).distinct().forEach(cc);
    }

    private static Attachment attachment(Media media) {
        Attachment.Builder a = Attachment.builder(media.kind().activityStreamsType(), media.url())
                .mediaType(media.mediaType());
        media.altText().ifPresent(a::name);
        if (media.width().isPresent()) {
            a.size(media.width().getAsInt(), media.height().getAsInt());
        }
        media.blurhash().ifPresent(a::blurhash);
        media.focalPoint().ifPresent(a::focalPoint);
        return a.build();
    }

    // FEP-b2b8: a Note that microblogging servers show in place of the Article.
    private JsonObject preview(Post post, Note article) {
        String text = Html.text(post.html());
        String excerpt =
                text.length() <= settings.previewLength() ? text : firstWords(text, settings.previewLength()) + "…";
        StringBuilder html = new StringBuilder();
        article.name()
                .ifPresent(
                        n -> html.append("<p><strong>").append(Html.escape(n)).append("</strong></p>"));
        html.append("<p>").append(Html.escape(excerpt)).append("</p>");
        URI link = article.url().orElse(article.id());
        html.append("<p><a href=\"")
                .append(Html.escape(link.toString()))
                .append("\">")
                .append(Html.escape(link.toString()))
                .append("</a></p>");
        return Json.PROVIDER
                .createObjectBuilder()
                .add("type", "Note")
                .add("attributedTo", article.attributedTo().toString())
                .add("content", html.toString())
                .build();
    }

    private static String firstWords(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return (cut > max / 2 ? text.substring(0, cut) : text.substring(0, max)).strip();
    }

    private static JsonObject with(JsonObject json, String key, JsonObject value) {
        return Json.PROVIDER.createObjectBuilder(json).add(key, value).build();
    }
}
