package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a remote client sends, the server answers 400 or 404 (or 200 for the one account), never throws. */
class WebFingerServerPropertiesTest {
    private final WebFingerServer server = TestSite.server();

    @Property(tries = 3000)
    void anyResourceStringGives400Or404(@ForAll("resources") String resource) {
        WebFingerResponse response = server.webFinger(Map.of("resource", List.of(resource)));

        assertAnswered(response, resource);
    }

    @Property(tries = 3000)
    void anyRawQueryGives400Or404(@ForAll("rawQueries") String rawQuery) {
        WebFingerResponse response = server.webFinger(rawQuery);

        assertThat(response.status()).isIn(200, 400, 404);
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
    }

    @Property(tries = 1000)
    void anyRequestToTheWellKnownPathsIsAnswered(
            @ForAll("methods") String method, @ForAll("rawQueries") String rawQuery, @ForAll String accept) {
        for (String path : List.of(
                WebFingerServer.WEBFINGER_PATH, WebFingerServer.HOST_META_PATH, WebFingerServer.HOST_META_JSON_PATH)) {
            WebFingerResponse response = server.handle(new WebFingerRequest(method, path, rawQuery, accept))
                    .orElseThrow();
            assertThat(response.status()).isIn(200, 204, 400, 404, 405);
        }
    }

    private static void assertAnswered(WebFingerResponse response, String resource) {
        assertThat(response.status()).isIn(200, 400, 404);
        if (response.status() == 200) {
            Resource parsed = Resource.parse(resource);
            assertThat(parsed.user().map("org"::equalsIgnoreCase).orElse(false)
                            || parsed.uri().equals(TestSite.ACTOR)
                            || parsed.uri().equals(TestSite.PROFILE))
                    .as("200 only for the site's account, not for %s", resource)
                    .isTrue();
        } else {
            assertThat(response.bodyText()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> resources() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(2000);
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(80);
        Arbitrary<String> noisy = Arbitraries.strings()
                .withChars("acctmilo:@%/.[]-_0123456789AFaf?#=+ \u0000\u00e9")
                .ofMaxLength(60);
        Arbitrary<String> prefix = Arbitraries.of("acct:", "ACCT:", "mailto:", "https://", "http://", "xmpp:", "", "@");
        Arbitrary<String> host = Arbitraries.of(
                "example.org", "www.example.org", "EXAMPLE.org", "example.org:443", "[::1]", "127.0.0.1:8080", "");
        Arbitrary<String> structured =
                Combinators.combine(prefix, noisy, host, noisy).as((p, user, h, tail) -> p + user + "@" + h + tail);
        return Arbitraries.oneOf(any, ascii, noisy, structured);
    }

    @Provide
    Arbitrary<String> rawQueries() {
        Arbitrary<String> value = Arbitraries.strings()
                .withChars("acctorgexmpl.:@%/&=+;?#2F3A40GZ \u0000\u0001\u00ff\ud800")
                .ofMaxLength(80);
        Arbitrary<String> structured = Combinators.combine(
                        Arbitraries.of("resource=", "rel=", "resource=acct:", "resource=acct%3Aorg%40", ""),
                        value,
                        Arbitraries.of("", "&rel=self", "&resource=x", "&", "&&="))
                .as((a, b, c) -> a + b + c);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5000), structured);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(
                Arbitraries.of("GET", "HEAD", "OPTIONS", "POST", "get"),
                Arbitraries.strings().ofMaxLength(10));
    }
}
