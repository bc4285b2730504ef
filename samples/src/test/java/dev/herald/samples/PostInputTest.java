package dev.herald.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class PostInputTest {
    @Test
    void readsTheContractsBody() throws Exception {
        PostInput post = PostInput.fromJson(Fediverse.parse("{\"content\": \"<p>html</p>\", \"summary\": \"CW text\","
                + " \"sensitive\": false, \"url\": \"https://site/page\", \"hashtags\": [\"python\", \"#java\"],"
                + " \"language\": \"en\", \"visibility\": \"unlisted\", \"attachments\": [{\"url\":"
                + " \"https://site/a.png\", \"mediaType\": \"image/png\", \"alt\": \"description\"}]}"));
        assertThat(post.content()).isEqualTo("<p>html</p>");
        assertThat(post.summary()).contains("CW text");
        assertThat(post.sensitive()).as("a content warning makes it sensitive").isTrue();
        assertThat(post.url()).contains(URI.create("https://site/page"));
        assertThat(post.hashtags()).containsExactly("python", "java");
        assertThat(post.language()).contains("en");
        assertThat(post.visibility()).isEqualTo("unlisted");
        assertThat(post.attachments())
                .containsExactly(
                        new PostInput.Attachment(URI.create("https://site/a.png"), "image/png", "description"));
    }

    @Test
    void nullsAndMissingFieldsTakeDefaults() throws Exception {
        PostInput post = PostInput.fromJson(Fediverse.parse("{\"content\": \"<p>x</p>\", \"summary\": null}"));
        assertThat(post.summary()).isEmpty();
        assertThat(post.sensitive()).isFalse();
        assertThat(post.visibility()).isEqualTo("public");
        assertThat(post.quotePolicy()).as("the visibility's default").isEmpty();
        assertThat(post.attachments()).isEmpty();
    }

    @Test
    void readsTheQuotePolicy() throws Exception {
        for (String policy : new String[] {"public", "followers", "manual", "nobody"}) {
            assertThat(read("{\"content\": \"x\", \"quotePolicy\": \"" + policy + "\"}")
                            .quotePolicy())
                    .contains(policy);
        }
        assertThat(read("{\"content\": \"x\", \"quotePolicy\": \" Manual \"}").quotePolicy())
                .contains("manual");
        assertThat(read("{\"content\": \"x\", \"quotePolicy\": null}").quotePolicy())
                .isEmpty();
        assertThat(read("{\"content\": \"x\", \"visibility\": \"followers\", \"quotePolicy\": \"nobody\"}")
                        .quotePolicy())
                .contains("nobody");
    }

    @Test
    void refusesAnUnknownQuotePolicyAndOneAFollowersOnlyPostCannotHave() {
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"quotePolicy\": \"friends\"}"))
                .hasMessage("quotePolicy must be one of [public, followers, manual, nobody] (who may quote the post),"
                        + " got 'friends'");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"quotePolicy\": true}"))
                .hasMessage("quotePolicy must be a string");
        assertThatThrownBy(
                        () -> read("{\"content\": \"x\", \"visibility\": \"followers\", \"quotePolicy\": \"public\"}"))
                .hasMessageStartingWith("a followers-only post cannot be quoted by others")
                .hasMessageContaining("'public'");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> read("{}")).hasMessageContaining("content is required");
        assertThatThrownBy(() -> read("{\"content\": \"  \"}")).hasMessageContaining("content is required");
        assertThatThrownBy(() -> read("{\"content\": 3}")).hasMessage("content must be a string");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"url\": \"/relative\"}"))
                .hasMessageContaining("url must be an absolute http(s) URL");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"hashtags\": [\"two words\"]}"))
                .hasMessageContaining("hashtags");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"language\": \"english!\"}"))
                .hasMessageContaining("BCP 47");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"visibility\": \"direct\"}"))
                .hasMessageContaining("visibility");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"sensitive\": \"yes\"}"))
                .hasMessage("sensitive must be true or false");
        assertThatThrownBy(
                        () -> read(
                                "{\"content\": \"x\", \"attachments\": [{\"url\": \"https://s/a.png\", \"mediaType\": \"image/png\"}]}"))
                .hasMessageContaining("attachments[0].alt is required");
        assertThatThrownBy(() ->
                        read("{\"content\": \"x\", \"attachments\": [{\"url\": \"https://s/a.png\", \"alt\": \"a\"}]}"))
                .hasMessageContaining("attachments[0].mediaType");
        assertThatThrownBy(() -> read("{\"content\": \"x\", \"attachments\": [{}, {}, {}, {}, {}]}"))
                .hasMessageContaining("at most 4");
    }

    private static PostInput read(String json) throws PostInput.InvalidPost {
        return PostInput.fromJson(Fediverse.parse(json));
    }
}
