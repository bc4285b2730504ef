package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tolerant reading of JRDs that real servers send. */
class JrdReaderTest {

    @Test
    void acceptsAnEmptyObject() throws Exception {
        Jrd jrd = Jrd.parse("{}");

        assertThat(jrd.subject()).isEmpty();
        assertThat(jrd.aliases()).isEmpty();
        assertThat(jrd.links()).isEmpty();
    }

    @Test
    void decodesEscapedSlashes() throws Exception {
        Jrd jrd = Jrd.parse("{\"subject\":\"acct:a@b.example\",\"aliases\":[\"https:\\/\\/b.example\\/a\"]}");

        assertThat(jrd.aliases()).containsExactly("https://b.example/a");
    }

    @Test
    void skipsMembersOfTheWrongType() throws Exception {
        Jrd jrd = Jrd.parse("{\"subject\":42,\"aliases\":[1,\"x\",null,\"\"],\"properties\":{\"a\":1,\"b\":null,"
                + "\"c\":\"v\"},\"links\":[\"x\",{\"href\":\"https://no-rel.example\"},{\"rel\":7},"
                + "{\"rel\":\"self\",\"type\":[],\"href\":\"https://b.example/a\",\"titles\":{\"en\":1,\"de\":\"T\"},"
                + "\"properties\":{\"p\":{}}}]}");

        assertThat(jrd.subject()).isEmpty();
        assertThat(jrd.aliases()).containsExactly("x");
        assertThat(jrd.properties()).containsOnlyKeys("b", "c").containsEntry("b", Optional.empty());
        assertThat(jrd.links()).hasSize(1);
        Link link = jrd.links().get(0);
        assertThat(link.type()).isEmpty();
        assertThat(link.titles()).containsOnlyKeys("de");
        assertThat(link.properties()).isEmpty();
    }

    @Test
    void acceptsASingleAliasOrLinkGivenWithoutAnArray() throws Exception {
        Jrd jrd = Jrd.parse("{\"aliases\":\"https://b.example/a\",\"links\":{\"rel\":\"self\","
                + "\"type\":\"application/activity+json\",\"href\":\"https://b.example/a\"}}");

        assertThat(jrd.aliases()).containsExactly("https://b.example/a");
        assertThat(jrd.activityPubActor())
                .hasValueSatisfying(uri -> assertThat(uri).hasHost("b.example"));
    }

    @Test
    void readsUtf16WithAByteOrderMark() throws Exception {
        byte[] json = "\uFEFF{\"subject\":\"acct:a@b.example\"}".getBytes(StandardCharsets.UTF_16BE);

        assertThat(Jrd.parse(json).subject()).contains("acct:a@b.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "<html>", "[]", "\"subject\"", "42", "null", "{\"subject\":", "{} {}", "{\"a\":1,}"})
    void rejectsWhatIsNotAJsonObject(String body) {
        assertThatThrownBy(() -> Jrd.parse(body))
                .isInstanceOf(WebFingerException.InvalidJrd.class)
                .hasMessageStartingWith("invalid JRD: ")
                .satisfies(e -> assertThat(((WebFingerException) e).uri()).isEmpty());
    }

    @Test
    void rejectsDeeplyNestedJsonWithoutOverflowingTheStack() {
        String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThatThrownBy(() -> Jrd.parse(deep)).isInstanceOf(WebFingerException.InvalidJrd.class);
    }

    @Property(tries = 1000)
    void anyBytesEitherParseOrGiveInvalidJrd(@ForAll byte[] bytes) {
        try {
            assertThat(Jrd.parse(bytes)).isNotNull();
        } catch (WebFingerException.InvalidJrd e) {
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Property(tries = 1000)
    void anyTextEitherParsesOrGivesInvalidJrd(@ForAll String text) {
        try {
            assertThat(Jrd.parse("{\"subject\":" + text + "}")).isNotNull();
        } catch (WebFingerException.InvalidJrd e) {
            assertThat(e.reason()).isNotBlank();
        }
    }
}
