package dev.herald.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.jsonld.DocumentReader;
import dev.herald.core.jsonld.ReadDocument;
import dev.herald.core.jsonld.ReaderSettings;
import dev.herald.core.vocab.FocalPoint;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON Herald publishes, checked field by field against what Mastodon reads (interop requirements B7). */
class PostRendererTest {
    static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    static final URI ORIGIN = URI.create("https://www.example.org");
    static final Author AUTHOR = new Author(
            "news",
            URI.create("https://www.example.org/ap/actors/news"),
            URI.create("https://www.example.org/ap/actors/news/followers"),
            URI.create("https://www.example.org/ap/actors/news/featured"));
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final MentionResolver.Resolved ALICE = new MentionResolver.Resolved(
            "alice@social.example",
            URI.create("https://social.example/users/alice"),
            URI.create("https://social.example/inbox"));

    private final PostRenderer renderer =
            PostRenderer.of(PublishSettings.builder(ORIGIN, "/ap").build());

    private RenderedPost render(Post post) {
        return renderer.render(
                post, AUTHOR, renderer.newObjectId(post), T0, Optional.empty(), Map.of(ALICE.handle(), ALICE));
    }

    @Test
    void aShortPublicPostIsANoteAsMastodonReadsIt() {
        Post post = Post.builder()
                .slug("new-logo")
                .text("Our new logo, by @alice@social.example! See https://www.example.org/news/logo. #Design")
                .contentWarning("Flashing colours")
                .attach(Media.image(URI.create("https://www.example.org/media/logo.png"), "image/png", "A blue star")
                        .withSize(1200, 630)
                        .withBlurhash("LEHV6nWB2yk8pyo0adR*.7kCMdnj")
                        .withFocalPoint(new FocalPoint(0, 0.25)))
                .url(URI.create("https://www.example.org/news/logo"))
                .language("en")
                .hashtags("welcome")
                .build();
        JsonObject note = render(post).json();

        assertThat(note.getString("id")).isEqualTo("https://www.example.org/ap/objects/new-logo");
        assertThat(note.getString("type")).isEqualTo("Note");
        assertThat(note.getString("attributedTo")).isEqualTo(AUTHOR.actor().toString());
        assertThat(strings(note, "to")).containsExactly(PUBLIC);
        assertThat(strings(note, "cc"))
                .containsExactly(AUTHOR.followers().toString(), ALICE.actor().toString());
        assertThat(note.getString("summary")).isEqualTo("Flashing colours");
        assertThat(note.getBoolean("sensitive")).isTrue();
        assertThat(note.getString("published")).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(note.getString("url")).isEqualTo("https://www.example.org/news/logo");
        String content = note.getString("content");
        assertThat(content)
                .startsWith("<p>Our new logo, by <span class=\"h-card\"><a href=\"https://social.example/users/alice\""
                        + " class=\"u-url mention\">@<span>alice</span></a></span>! See"
                        + " <a href=\"https://www.example.org/news/logo\" rel=\"nofollow noopener noreferrer\">"
                        + "https://www.example.org/news/logo</a>. <a href=\"https://www.example.org/tags/design\""
                        + " class=\"mention hashtag\" rel=\"tag\">#<span>Design</span></a></p>")
                .endsWith("<p><a href=\"https://www.example.org/tags/welcome\" class=\"mention hashtag\" rel=\"tag\">"
                        + "#<span>welcome</span></a></p>");
        assertThat(note.getJsonObject("contentMap").getString("en")).isEqualTo(content);

        JsonArray tags = note.getJsonArray("tag");
        assertThat(tags).hasSize(3);
        assertThat(tags.getJsonObject(0).getString("type")).isEqualTo("Hashtag");
        assertThat(tags.getJsonObject(0).getString("name")).isEqualTo("#welcome");
        assertThat(tags.getJsonObject(0).getString("href")).isEqualTo("https://www.example.org/tags/welcome");
        assertThat(tags.getJsonObject(1).getString("name")).isEqualTo("#Design");
        assertThat(tags.getJsonObject(1).getString("href")).isEqualTo("https://www.example.org/tags/design");
        assertThat(tags.getJsonObject(2).getString("type")).isEqualTo("Mention");
        assertThat(tags.getJsonObject(2).getString("name")).isEqualTo("@alice@social.example");
        assertThat(tags.getJsonObject(2).getString("href"))
                .isEqualTo(ALICE.actor().toString());

        JsonObject image = note.getJsonArray("attachment").getJsonObject(0);
        assertThat(image.getString("type")).isEqualTo("Image");
        assertThat(image.getString("mediaType")).isEqualTo("image/png");
        assertThat(image.getString("url")).isEqualTo("https://www.example.org/media/logo.png");
        assertThat(image.getString("name")).isEqualTo("A blue star");
        assertThat(image.getInt("width")).isEqualTo(1200);
        assertThat(image.getString("blurhash")).isEqualTo("LEHV6nWB2yk8pyo0adR*.7kCMdnj");
        assertThat(image.getJsonArray("focalPoint")).hasSize(2);

        // Every extension term used is defined inline, as Mastodon writes it.
        JsonArray context = note.getJsonArray("@context");
        assertThat(context.getString(0)).isEqualTo("https://www.w3.org/ns/activitystreams");
        JsonObject terms = context.getJsonObject(context.size() - 1);
        assertThat(terms.keySet()).contains("sensitive", "Hashtag", "blurhash", "focalPoint");
    }

    @Test
    void visibilityDecidesTheAudience() {
        for (Visibility v : Visibility.values()) {
            JsonObject note =
                    render(Post.builder().text("hi").visibility(v).build()).json();
            switch (v) {
                case PUBLIC -> {
                    assertThat(strings(note, "to")).containsExactly(PUBLIC);
                    assertThat(strings(note, "cc"))
                            .containsExactly(AUTHOR.followers().toString());
                }
                case UNLISTED -> {
                    assertThat(strings(note, "to"))
                            .containsExactly(AUTHOR.followers().toString());
                    assertThat(strings(note, "cc")).containsExactly(PUBLIC);
                }
                case FOLLOWERS -> {
                    assertThat(strings(note, "to"))
                            .containsExactly(AUTHOR.followers().toString());
                    assertThat(note.containsKey("cc") ? strings(note, "cc") : List.of())
                            .doesNotContain(PUBLIC);
                }
            }
        }
    }

    @Test
    void mentionsAreAddressedAndDeliveredEvenOnFollowersOnlyPosts() {
        RenderedPost post = render(Post.builder()
                .text("for followers and @alice@social.example")
                .visibility(Visibility.FOLLOWERS)
                .build());
        assertThat(strings(post.json(), "cc")).containsExactly(ALICE.actor().toString());
        assertThat(post.mentionInboxes()).containsExactly(ALICE.inbox());
    }

    @Test
    void unresolvedMentionsStayText() {
        RenderedPost post =
                render(Post.builder().text("hi @nobody@nowhere.example").build());
        assertThat(post.json().getString("content")).isEqualTo("<p>hi @nobody@nowhere.example</p>");
        assertThat(strings(post.json(), "tag")).isEmpty();
        assertThat(post.mentionInboxes()).isEmpty();
    }

    @Test
    void aLongPostIsAnArticleWithANotePreview() {
        String text = "Long read. ".repeat(60);
        Post post = Post.builder()
                .title("Annual report")
                .text(text)
                .url(URI.create("https://www.example.org/news/report"))
                .build();
        JsonObject article = render(post).json();
        assertThat(article.getString("type")).isEqualTo("Article");
        assertThat(article.getString("name")).isEqualTo("Annual report");
        assertThat(article.getString("content")).startsWith("<p>Long read. Long read.");
        JsonObject preview = article.getJsonObject("preview");
        assertThat(preview.getString("type")).isEqualTo("Note");
        assertThat(preview.getString("attributedTo")).isEqualTo(AUTHOR.actor().toString());
        assertThat(preview.getString("content"))
                .startsWith("<p><strong>Annual report</strong></p><p>Long read.")
                .contains("…</p>")
                .endsWith(
                        "<a href=\"https://www.example.org/news/report\">https://www.example.org/news/report</a></p>");
    }

    @Test
    void theThresholdIsASetting() {
        PostRenderer strict = PostRenderer.of(
                PublishSettings.builder(ORIGIN, "/ap").articleThreshold(10).build());
        Post post = Post.builder().text("Eleven chars").build();
        assertThat(strict.render(
                                post,
                                AUTHOR,
                                URI.create("https://www.example.org/ap/objects/1"),
                                T0,
                                Optional.empty(),
                                Map.of())
                        .json()
                        .getString("type"))
                .isEqualTo("Article");
        assertThat(render(post).json().getString("type")).isEqualTo("Note");
    }

    @Test
    void aShortPostWithATitleShowsItInBold() {
        JsonObject note =
                render(Post.builder().title("News").text("body").build()).json();
        assertThat(note.getString("type")).isEqualTo("Note");
        assertThat(note.containsKey("name")).isFalse();
        assertThat(note.getString("content")).isEqualTo("<p><strong>News</strong></p><p>body</p>");
    }

    @Test
    void theCreateEmbedsTheObjectWithTheSameAudience() {
        RenderedPost post = render(
                Post.builder().slug("a").text("hello @alice@social.example").build());
        JsonObject create = renderer.create(post);
        assertThat(create.getString("id")).isEqualTo("https://www.example.org/ap/objects/a#create");
        assertThat(create.getString("type")).isEqualTo("Create");
        assertThat(create.getString("actor")).isEqualTo(AUTHOR.actor().toString());
        assertThat(create.getString("published")).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(strings(create, "to")).isEqualTo(strings(post.json(), "to"));
        assertThat(strings(create, "cc")).isEqualTo(strings(post.json(), "cc"));
        JsonObject object = create.getJsonObject("object");
        assertThat(object.containsKey("@context")).isFalse();
        assertThat(object.getString("id")).isEqualTo(post.id().toString());
        assertThat(object.getString("content")).isEqualTo(post.json().getString("content"));
    }

    @Test
    void thePostSaysWhoMayQuoteItAsMastodonReadsIt() {
        JsonObject note = render(Post.builder().text("hi").build()).json();
        JsonObject canQuote = note.getJsonObject("interactionPolicy").getJsonObject("canQuote");
        assertThat(strings(canQuote, "automaticApproval")).containsExactly(PUBLIC);
        assertThat(canQuote.containsKey("manualApproval")).isFalse();
        JsonArray context = note.getJsonArray("@context");
        JsonObject terms = context.getJsonObject(context.size() - 1);
        assertThat(terms.getString("gts")).isEqualTo("https://gotosocial.org/ns#");
        for (String term : List.of("interactionPolicy", "canQuote", "automaticApproval", "manualApproval")) {
            assertThat(terms.getJsonObject(term).getString("@id")).isEqualTo("gts:" + term);
            assertThat(terms.getJsonObject(term).getString("@type")).isEqualTo("@id");
        }
        assertThat(terms.keySet()).as("the note's own terms stay").contains("sensitive");

        JsonObject followers = render(Post.builder()
                        .text("hi")
                        .quotePolicy(new QuotePolicy(QuotePolicy.Audience.FOLLOWERS, QuotePolicy.Audience.ANYONE))
                        .build())
                .json()
                .getJsonObject("interactionPolicy")
                .getJsonObject("canQuote");
        assertThat(strings(followers, "automaticApproval"))
                .containsExactly(AUTHOR.followers().toString());
        assertThat(strings(followers, "manualApproval")).containsExactly(PUBLIC);

        JsonObject privatePost = render(Post.builder()
                        .text("hi")
                        .visibility(Visibility.FOLLOWERS)
                        .build())
                .json()
                .getJsonObject("interactionPolicy")
                .getJsonObject("canQuote");
        assertThat(strings(privatePost, "automaticApproval"))
                .as("as Mastodon: the author alone")
                .containsExactly(AUTHOR.actor().toString());
    }

    @Test
    void theQuotePolicyReachesTheCreateAndReadsOnTheFastPath() {
        RenderedPost post = render(Post.builder().slug("q").text("hi").build());
        JsonObject create = renderer.create(post);
        assertThat(create.getJsonObject("object").getJsonObject("interactionPolicy"))
                .isEqualTo(post.json().getJsonObject("interactionPolicy"));
        assertThat(create.get("@context")).isEqualTo(post.json().get("@context"));
        for (JsonObject document : List.of(post.json(), create)) {
            ReadDocument read = DocumentReader.create().read(document);
            assertThat(read.path()).isEqualTo(ReadDocument.Path.FAST);
        }
        assertThat(DocumentReader.create()
                        .read(create)
                        .as(dev.herald.core.vocab.Activity.class)
                        .orElseThrow()
                        .object()
                        .orElseThrow()
                        .embedded())
                .contains(post.note());
        assertThat(DocumentReader.create(
                                ReaderSettings.builder().alwaysExpand(true).build())
                        .read(post.json())
                        .object())
                .as("and the same through JSON-LD expansion, with the bundled contexts")
                .isEqualTo(post.note());
    }

    @Test
    void theCreateOfAnArticleCarriesThePreview() {
        RenderedPost post = render(Post.builder().text("x ".repeat(400)).build());
        JsonObject create = renderer.create(post);
        assertThat(create.getJsonObject("object").getJsonObject("preview").getString("type"))
                .isEqualTo("Note");
        assertThat(create.get("@context")).isEqualTo(post.json().get("@context"));
    }

    @Test
    void anUpdateCarriesUpdatedAndANewId() {
        Post post = Post.builder().slug("a").text("edited").build();
        Instant edited = T0.plusSeconds(600);
        RenderedPost rendered =
                renderer.render(post, AUTHOR, renderer.newObjectId(post), T0, Optional.of(edited), Map.of());
        JsonObject update = renderer.update(rendered);
        assertThat(update.getString("type")).isEqualTo("Update");
        assertThat(update.getString("id")).startsWith("https://www.example.org/ap/activities/");
        assertThat(update.getJsonObject("object").getString("updated")).isEqualTo("2026-03-01T12:10:00Z");
        assertThat(update.getJsonObject("object").getString("published")).isEqualTo("2026-03-01T12:00:00Z");
        assertThatThrownBy(() -> renderer.update(render(post))).hasMessageContaining("updated");
    }

    @Test
    void aDeleteNamesATombstone() {
        URI id = URI.create("https://www.example.org/ap/objects/a");
        JsonObject delete = renderer.delete(id, AUTHOR, Visibility.PUBLIC, T0);
        assertThat(delete.getString("id")).isEqualTo(id + "#delete");
        assertThat(delete.getString("type")).isEqualTo("Delete");
        assertThat(delete.getJsonObject("object").getString("type")).isEqualTo("Tombstone");
        assertThat(delete.getJsonObject("object").getString("id")).isEqualTo(id.toString());
        assertThat(strings(delete, "to")).containsExactly(PUBLIC);
    }

    @Test
    void aPinAddsToTheFeaturedCollection() {
        URI id = URI.create("https://www.example.org/ap/objects/a");
        JsonObject add = renderer.pin(id, AUTHOR, true, T0);
        assertThat(add.getString("type")).isEqualTo("Add");
        assertThat(add.getString("object")).isEqualTo(id.toString());
        assertThat(add.getString("target")).isEqualTo(AUTHOR.featured().toString());
        assertThat(renderer.pin(id, AUTHOR, false, T0).getString("type")).isEqualTo("Remove");
    }

    @Test
    void idsWithoutASlugAreRandomUuidsUnderTheObjectsBase() {
        URI a = renderer.newObjectId(Post.builder().text("a").build());
        URI b = renderer.newObjectId(Post.builder().text("a").build());
        assertThat(a.toString()).matches("https://www\\.example\\.org/ap/objects/[0-9a-f-]{36}");
        assertThat(a).isNotEqualTo(b);
    }

    static List<String> strings(JsonObject json, String key) {
        JsonValue value = json.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        return value.asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
