package dev.herald.core.internal.jsonld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.Vectors;
import dev.herald.core.jsonld.ReaderSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastPathCheckTest {
    private final ContextLibrary library = new ContextLibrary(ReaderSettings.defaults());
    private final FastPathCheck check = new FastPathCheck(library, 64);

    @Test
    void mastodonsFullContextKeepsEveryHeraldTerm() {
        JsonObject fullContext = parse(Vectors.read("contexts/mastodon-context-extension-map.json"))
                .getJsonObject("full_context");
        assertThat(check.whyNotFast(withBody(fullContext))).isEmpty();
    }

    @Test
    void bundledContextsThatRedefineHeraldTermsAreKnownAsSuch() {
        // identity/v1 maps name, image, url… to schema.org; everything else bundled is compatible.
        for (String url : ContextLibrary.bundledUrls()) {
            String conflict = HeraldTerms.firstConflict(library.termTable(url).orElseThrow());
            if (url.equals("https://w3id.org/identity/v1")) {
                assertThat(conflict).as(url).isNotNull();
            } else {
                assertThat(conflict).as(url).isNull();
            }
        }
    }

    @Test
    void contextOrderDecides() {
        JsonObject identityFirst =
                context("[\"https://w3id.org/identity/v1\",\"https://www.w3.org/ns/activitystreams\"]");
        JsonObject identityLast =
                context("[\"https://www.w3.org/ns/activitystreams\",\"https://w3id.org/identity/v1\"]");
        assertThat(check.whyNotFast(identityFirst)).isEmpty();
        assertThat(check.whyNotFast(identityLast))
                .hasValueSatisfying(why -> assertThat(why).contains("redefines"));
    }

    @Test
    void anInlineMapThatRedefinesAHeraldTermNeedsExpansion() {
        assertThat(check.whyNotFast(context(
                        "[\"https://www.w3.org/ns/activitystreams\",{\"content\":\"http://other.example/body\"}]")))
                .hasValueSatisfying(why -> assertThat(why).contains("content -> http://other.example/body"));
        assertThat(
                        check.whyNotFast(
                                context(
                                        "[\"https://www.w3.org/ns/activitystreams\",{\"as\":\"http://other.example/#\",\"sensitive\":\"as:sensitive\"}]")))
                .isPresent();
        assertThat(check.whyNotFast(
                        context("[\"https://www.w3.org/ns/activitystreams\",{\"tag\":{\"@reverse\":\"as:tag\"}}]")))
                .isPresent();
    }

    @Test
    void inlineKeywordsOtherThanLanguageNeedExpansion() {
        assertThat(check.whyNotFast(context("[\"https://www.w3.org/ns/activitystreams\",{\"@language\":\"und\"}]")))
                .isEmpty();
        assertThat(check.whyNotFast(
                        context("[\"https://www.w3.org/ns/activitystreams\",{\"@vocab\":\"http://x.example/#\"}]")))
                .hasValueSatisfying(why -> assertThat(why).contains("@vocab"));
        assertThat(check.whyNotFast(context("null"))).isPresent();
    }

    @Test
    void schemaOrgWithASlashOrHttpsIsTheSamePropertyValue() {
        assertThat(check.whyNotFast(context("[\"https://www.w3.org/ns/activitystreams\",{\"sc\":\"http://schema.org/\","
                        + "\"PropertyValue\":\"sc:PropertyValue\",\"value\":\"https://schema.org/value\"}]")))
                .isEmpty();
    }

    @Test
    void prefixedKeysKeywordsAndPrefixedTypesNeedExpansion() {
        assertThat(check.whyNotFast(parse("{\"type\":\"Note\",\"toot:blurhash\":\"x\"}")))
                .isPresent();
        assertThat(check.whyNotFast(parse("{\"@id\":\"https://a.example/n\",\"type\":\"Note\"}")))
                .isPresent();
        assertThat(check.whyNotFast(parse("{\"type\":[\"Note\",\"sc:Thing\"]}")))
                .isPresent();
        assertThat(check.whyNotFast(parse("{\"type\":\"as:Note\",\"contentMap\":{\"x:y\":\"z\"}}")))
                .isEmpty();
        assertThat(check.whyNotFast(parse("{\"type\":\"Note\",\"tag\":[{\"type\":\"Hashtag\",\"a:b\":1}]}")))
                .isPresent();
    }

    @Test
    void nestedContextsAreCheckedToo() {
        assertThat(check.whyNotFast(
                        parse("{\"type\":\"Create\",\"object\":{\"@context\":{\"name\":\"http://other.example/n\"},"
                                + "\"type\":\"Note\"}}")))
                .isPresent();
    }

    @Test
    void bundledUrlsAlsoMatchWithTheOtherScheme() {
        assertThat(library.find("http://www.w3.org/ns/activitystreams")).isPresent();
        assertThat(library.find("https://joinmastodon.org/ns")).isPresent();
        assertThat(library.find("https://social.example/schemas/litepub-0.1.jsonld"))
                .isEmpty();
        assertThat(library.termTable("https://unknown.example/ns")).isEmpty();
    }

    @Test
    void registeredContextsBySuffixAreFound() {
        ContextLibrary withLitepub = new ContextLibrary(ReaderSettings.builder()
                .contextBySuffix("/schemas/litepub-0.1.jsonld", Vectors.read("contexts/litepub-0.1.jsonld"))
                .build());
        Map<String, String> terms = withLitepub
                .termTable("https://pleroma.example/schemas/litepub-0.1.jsonld")
                .orElseThrow();
        assertThat(terms).containsEntry("sensitive", "https://www.w3.org/ns/activitystreams#sensitive");
        assertThat(HeraldTerms.firstConflict(terms)).isNull();
    }

    private static JsonObject context(String contextJson) {
        return parse("{\"@context\":" + contextJson + ",\"type\":\"Note\"}");
    }

    private static JsonObject withBody(JsonObject contextDocument) {
        return Json.createObjectBuilder(contextDocument).add("type", "Person").build();
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
