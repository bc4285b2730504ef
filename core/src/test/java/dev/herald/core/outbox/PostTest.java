package dev.herald.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PostTest {
    private static final URI IMG = URI.create("https://www.example.org/media/a.png");

    @Test
    void plainTextIsEscapedAndKeepsParagraphsAndLineBreaks() {
        Post post = Post.builder()
                .text("Hello <b>world</b> & co\nsecond line\n\nNew paragraph")
                .build();
        assertThat(post.html())
                .isEqualTo("<p>Hello &lt;b&gt;world&lt;/b&gt; &amp; co<br>second line</p><p>New paragraph</p>");
    }

    @Test
    void htmlIsReducedToMastodonsAllowList() {
        Post post = Post.builder()
                .html("<h1>Title</h1><p onclick=\"x()\">Hi <script>alert(1)</script><strong>bold</strong>"
                        + " <img src=x><a href=\"javascript:alert(1)\">bad</a> <a href=\"https://ok.example/\""
                        + " style=\"color:red\" class=\"evil mention\">ok</a></p><table><tr><td>cell</td></tr></table>"
                        + "<ul><li>one</li></ul><blockquote>q</blockquote><pre><code>c</code></pre>")
                .build();
        assertThat(post.html())
                .doesNotContain("script", "alert", "onclick", "img", "style", "evil", "<h1>", "<table")
                .contains("<strong>bold</strong>")
                .contains("<a href=\"https://ok.example/\" class=\"mention\">ok</a>")
                .contains("<a>bad</a>")
                .contains("<ul><li>one</li></ul><blockquote>q</blockquote><pre><code>c</code></pre>")
                .contains("Title")
                .contains("cell");
    }

    @Test
    void relativeLinksResolveAgainstThePostsPage() {
        Post post = Post.builder()
                .url(URI.create("https://www.example.org/news/1"))
                .html("<p><a href=\"/about\">about</a></p>")
                .build();
        assertThat(post.html()).contains("href=\"https://www.example.org/about\"");
    }

    @Test
    void findsHashtagsAndMentionsInTheTextButNotInLinksOrCode() {
        Post post = Post.builder()
                .html("<p>#Welcome to @Alice@Social.Example and #news_2026! <a href=\"https://x.example/#anchor\">"
                        + "#notATag</a> <code>#notEither @bob@code.example</code> issue#12 mail@example.org</p>")
                .hashtags("#extra", "welcome")
                .mention("@carol@other.example")
                .build();
        assertThat(post.hashtags()).containsExactly("extra", "welcome", "news_2026");
        assertThat(post.mentions()).containsExactly("carol@other.example", "alice@social.example");
    }

    @Test
    void refusesMediaWithoutAltTextUnlessTheCallerOptsOut() {
        Post.Builder builder = Post.builder().text("pic").attach(Media.imageWithoutDescription(IMG, "image/png"));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("media 1 (" + IMG + ") has no alt text")
                .hasMessageContaining("allowMissingAltText()");
        assertThat(builder.allowMissingAltText().build().media()).hasSize(1);
    }

    @Test
    void refusesBlankAltTextToo() {
        assertThatThrownBy(() -> Post.builder()
                        .text("pic")
                        .attach(Media.image(IMG, "image/png", "   "))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no alt text");
    }

    @Test
    void refusesMoreThanFourMedia() {
        Media m = Media.image(IMG, "image/png", "a picture");
        assertThatThrownBy(() -> Post.builder().text("x").attach(m, m, m, m, m).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 4 media");
    }

    @Test
    void refusesAnEmptyPostAndAMissingBody() {
        assertThatThrownBy(() -> Post.builder().html("<script>x</script>").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Post.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("text(...) or html(...)");
    }

    @Test
    void checksSlugsHashtagsHandlesAndLanguages() {
        assertThatThrownBy(() -> Post.builder().slug("../etc")).hasMessageContaining("slug");
        assertThatThrownBy(() -> Post.builder().hashtags("#2026")).hasMessageContaining("at least one letter");
        assertThatThrownBy(() -> Post.builder().mention("alice")).hasMessageContaining("@user@example.social");
        assertThatThrownBy(() -> Post.builder().language("english language")).hasMessageContaining("BCP 47");
    }

    @Test
    void aContentWarningMakesThePostSensitive() {
        Post post = Post.builder().text("x").contentWarning("spoilers").build();
        assertThat(post.sensitive()).isTrue();
        assertThat(post.contentWarning()).contains("spoilers");
    }

    @Test
    void toBuilderMakesAnEqualEdit() {
        Post post = Post.builder()
                .text("Hello #tag")
                .attach(Media.imageWithoutDescription(IMG, "image/png"))
                .allowMissingAltText()
                .visibility(Visibility.UNLISTED)
                .build();
        Post copy = post.toBuilder().build();
        assertThat(copy.html()).isEqualTo(post.html());
        assertThat(copy.hashtags()).isEqualTo(post.hashtags());
        assertThat(copy.visibility()).isEqualTo(Visibility.UNLISTED);
    }

    @Test
    void publicAndUnlistedPostsMayBeQuotedByAnyoneAndFollowersOnlyPostsByNobody() {
        assertThat(Post.builder().text("a").build().quotePolicy()).isEqualTo(QuotePolicy.PUBLIC);
        assertThat(Post.builder()
                        .text("a")
                        .visibility(Visibility.UNLISTED)
                        .build()
                        .quotePolicy())
                .isEqualTo(QuotePolicy.PUBLIC);
        assertThat(Post.builder()
                        .text("a")
                        .visibility(Visibility.FOLLOWERS)
                        .build()
                        .quotePolicy())
                .isEqualTo(QuotePolicy.NOBODY);
        Post manual = Post.builder().text("a").quotePolicy(QuotePolicy.MANUAL).build();
        assertThat(manual.quotePolicy()).isEqualTo(QuotePolicy.MANUAL);
        assertThat(manual.toBuilder().build().quotePolicy()).isEqualTo(QuotePolicy.MANUAL);
        assertThat(manual.toBuilder().visibility(Visibility.FOLLOWERS).build().quotePolicy())
                .as("a followers-only post is never quotable by others")
                .isEqualTo(QuotePolicy.NOBODY);
    }
}
