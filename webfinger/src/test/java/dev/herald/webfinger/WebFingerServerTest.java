package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebFingerServerTest {
    private final WebFingerServer server = TestSite.server();

    private WebFingerResponse get(String pathAndQuery) {
        return server.handle(WebFingerRequest.get(pathAndQuery)).orElseThrow();
    }

    private static Jrd jrd(WebFingerResponse response) throws WebFingerException {
        return Jrd.parse(response.body());
    }

    @Test
    void answersAHandleWithTheJrdAndTheHeadersMastodonExpects() throws Exception {
        WebFingerResponse response = get("/.well-known/webfinger?resource=acct:org@example.org");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).contains("application/jrd+json");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.header("Cache-Control")).contains("public, max-age=3600");
        Jrd jrd = jrd(response);
        assertThat(jrd.subject()).contains(TestSite.SUBJECT);
        assertThat(jrd.activityPubActor()).contains(TestSite.ACTOR);
        assertThat(jrd.link(Link.REL_PROFILE_PAGE).flatMap(Link::href)).contains(TestSite.PROFILE.toString());
        assertThat(jrd.link(Link.REL_SUBSCRIBE).flatMap(Link::template))
                .contains("https://www.example.org/authorize_interaction?uri={uri}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resource=acct:org@example.org",
                "resource=acct%3Aorg%40example.org",
                "resource=acct%3aorg%40example.org",
                "resource=ACCT:org@EXAMPLE.ORG",
                "resource=acct:Org@Example.org",
                "resource=acct:%6Frg@example.org",
                "foo=bar&resource=acct:org@example.org&x",
                "resource=acct:org@www.example.org",
                "resource=https://www.example.org/actor",
                "resource=https%3A%2F%2Fwww.example.org%2Factor",
                "resource=HTTPS://WWW.EXAMPLE.ORG:443/actor",
                "resource=https://www.example.org/@org",
                "resource=https://www.example.org/%40org",
                "resource=mailto:org@example.org",
            })
    void answersEveryFormOfTheResourceWithTheCanonicalSubject(String query) throws Exception {
        WebFingerResponse response = server.webFinger(query);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(jrd(response).subject()).contains(TestSite.SUBJECT);
    }

    @Test
    void passesTheParsedResourceToTheResolver() {
        AtomicReference<Resource> seen = new AtomicReference<>();
        WebFingerServer recording = WebFingerServer.builder()
                .handleHost("Example.ORG:8443")
                .resolver(resource -> {
                    seen.set(resource);
                    return Optional.empty();
                })
                .build();

        recording.webFinger("resource=acct%3AJuliet%2540capulet.example%40example.org%3A8443");

        assertThat(seen.get().user()).contains("Juliet@capulet.example");
        assertThat(seen.get().authority()).isEqualTo("example.org:8443");
    }

    @Test
    void filtersLinksBySeveralRelParameters() throws Exception {
        Jrd jrd = jrd(server.webFinger("resource=acct:org@example.org&rel=self&rel="
                + "http%3A%2F%2Fostatus.org%2Fschema%2F1.0%2Fsubscribe&rel="));

        assertThat(jrd.links()).extracting(Link::rel).containsExactly("self", Link.REL_SUBSCRIBE);
        assertThat(jrd.subject()).contains(TestSite.SUBJECT);
        assertThat(jrd.aliases()).hasSize(2);
        assertThat(jrd.properties()).containsKey("http://schema.org/name");
    }

    @Test
    void aRelThatMatchesNothingLeavesNoLinksButKeepsTheSubject() throws Exception {
        Jrd jrd = jrd(server.webFinger("resource=acct:org@example.org&rel=http://example.org/none"));

        assertThat(jrd.links()).isEmpty();
        assertThat(jrd.subject()).contains(TestSite.SUBJECT);
    }

    @Test
    void acceptsParametersDecodedByTheWebFramework() throws Exception {
        WebFingerResponse response = server.webFinger(
                Map.of("resource", List.of("acct:org@example.org"), "rel", List.of(Link.REL_PROFILE_PAGE)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(jrd(response).links()).extracting(Link::rel).containsExactly(Link.REL_PROFILE_PAGE);
    }

    @Test
    void treatsNullParameterListsFromAFrameworkAsAbsent() {
        Map<String, List<String>> parameters = new java.util.HashMap<>();
        parameters.put("resource", null);
        parameters.put("rel", null);

        assertThat(server.webFinger(parameters).status()).isEqualTo(400);
        parameters.put("resource", java.util.Arrays.asList((String) null));
        assertThat(server.webFinger(parameters).status()).isEqualTo(400);
        parameters.put("resource", List.of("acct:org@example.org"));
        assertThat(server.webFinger(parameters).status()).isEqualTo(200);
    }

    @Test
    void fillsInTheSubjectWhenTheResolverLeavesItOut() throws Exception {
        WebFingerServer noSubject = WebFingerServer.builder()
                .handleHost("example.org")
                .resolver(resource -> Optional.of(
                        Jrd.builder().activityPubActor(TestSite.ACTOR).build()))
                .build();

        assertThat(jrd(noSubject.webFinger("resource=acct:Org@Example.org")).subject())
                .contains("acct:Org@example.org");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "|the resource parameter is missing",
                "rel=self|the resource parameter is missing",
                "resource|the resource parameter is empty",
                "resource=|the resource parameter is empty",
                "resource=acct:org@example.org&resource=acct:org@example.org|more than one resource parameter",
                "resource=org@example.org|no URI scheme",
                "resource==acct%3Aorg%40example.org|no URI scheme",
                "resource=xmpp:org@example.org|unsupported scheme 'xmpp'",
                "resource=acct:org|no '@'",
                "resource=acct:org@example.org%|truncated percent-encoding",
                "resource=acct:org@example.org%2|truncated percent-encoding",
                "resource=acct:org%ZZ@example.org|invalid percent-encoding",
                "resource=acct:org%C3%28@example.org|not valid UTF-8",
                "resource=acct:org%00@example.org|control characters",
                "resource=acct:org@exa%0Ample.org|control characters",
                "resource=acct:org+x@exa+mple.org|not allowed in a domain name",
                "resource=acct:org%20@example.org|white space",
                "resource=https://example.org/a%20b%|truncated percent-encoding",
                "resource=https://exa mple.org/|white space",
            })
    void rejectsMalformedResourcesWith400AndAReason(String query, String reason) {
        WebFingerResponse response = server.webFinger(query == null ? "" : query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains(reason);
        assertThat(response.header("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void rejectsRawControlCharactersAndBinaryInTheQuery() {
        assertThat(server.webFinger("resource=acct:org@example.org\u0000").status())
                .isEqualTo(400);
        assertThat(server.webFinger("resource=\u0001\u0002\u00ff\ufffd").status())
                .isEqualTo(400);
        assertThat(server.webFinger("resource=%FF%FE%00%01").status()).isEqualTo(400);
        assertThat(server.webFinger("resource=acct:org@example.org\ud800").status())
                .isEqualTo(400);
        assertThat(server.webFinger(Map.of("resource", List.of("acct:org\u0000@example.org")))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void rejectsAResourceLongerThanOneKibibyte() {
        String user = "o".repeat(1024);
        WebFingerResponse response = server.webFinger("resource=acct:" + user + "@example.org");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("longer than 1024 characters").hasSizeLessThan(200);
        assertThat(server.webFinger("resource=acct:" + "o".repeat(1000) + "@example.org")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void rejectsAnOversizedQuery() {
        WebFingerResponse response = server.webFinger("resource=acct:org@example.org&rel=" + "x".repeat(5000));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.bodyText()).contains("query is longer than 4096");
    }

    @Test
    void honoursConfiguredLimits() {
        WebFingerServer strict = WebFingerServer.builder()
                .handleHost("example.org")
                .resolver(new TestSite())
                .maxResourceLength(20)
                .maxQueryLength(40)
                .build();

        assertThat(strict.webFinger("resource=acct:org@example.org").status()).isEqualTo(200);
        assertThat(strict.webFinger("resource=acct:organisation@example.org").status())
                .isEqualTo(400);
        assertThat(strict.webFinger("resource=acct:org@example.org&rel=" + "x".repeat(20))
                        .status())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resource=acct:nobody@example.org",
                "resource=https://www.example.org/nobody",
                "resource=mailto:nobody@example.org",
            })
    void answers404ForAnUnknownResource(String query) {
        WebFingerResponse response = server.webFinger(query);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("no such resource");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resource=acct:org@other.example",
                "resource=acct:org@example.org:8443",
                "resource=acct:org@sub.example.org",
                "resource=https://other.example/actor",
                "resource=http://www.example.org:8080/actor",
                "resource=mailto:org@other.example",
            })
    void answers404ForAResourceOnAnotherHostWithoutAskingTheResolver(String query) {
        WebFingerServer strict = WebFingerServer.builder()
                .handleHost("example.org")
                .actorHost("www.example.org")
                .resolver(resource -> {
                    throw new AssertionError("resolver asked for " + resource);
                })
                .build();

        WebFingerResponse response = strict.webFinger(query);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).contains("does not answer for resources on");
    }

    @Test
    void aFailingResolverGives503NotA500() {
        WebFingerServer failing = WebFingerServer.builder()
                .handleHost("example.org")
                .resolver(resource -> {
                    throw new IllegalStateException("database down");
                })
                .build();

        WebFingerResponse response = failing.webFinger("resource=acct:org@example.org");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyText()).doesNotContain("database");
    }

    @Test
    void aResolverReturningNullCountsAsNotFound() {
        WebFingerServer nulls = WebFingerServer.builder()
                .handleHost("example.org")
                .resolver(resource -> null)
                .build();

        assertThat(nulls.webFinger("resource=acct:org@example.org").status()).isEqualTo(404);
    }

    @Test
    void routesOnlyTheWellKnownPaths() {
        assertThat(server.handle(WebFingerRequest.get("/users/org"))).isEmpty();
        assertThat(server.handle(WebFingerRequest.get("/.well-known/webfinger/")))
                .isEmpty();
        assertThat(server.handle(WebFingerRequest.get("/.well-known/nodeinfo"))).isEmpty();
        assertThat(server.handle(WebFingerRequest.get("/.well-known/webfinger")))
                .isPresent();
    }

    @Test
    void headAnswersTheHeadersWithoutABody() {
        WebFingerResponse response = server.handle(
                        WebFingerRequest.get("/.well-known/webfinger?resource=acct:org@example.org")
                                .withMethod("HEAD"))
                .orElseThrow();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/jrd+json");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void optionsAnswersACorsPreflight() {
        WebFingerResponse response = server.handle(new WebFingerRequest("OPTIONS", "/.well-known/webfinger", "", ""))
                .orElseThrow();

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Methods")).contains("GET, HEAD, OPTIONS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "X\u0000Y"})
    void otherMethodsGet405(String method) {
        WebFingerResponse response = server.handle(
                        new WebFingerRequest(method, "/.well-known/webfinger", "resource=acct:org@example.org", ""))
                .orElseThrow();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET, HEAD, OPTIONS");
        assertThat(response.bodyText()).doesNotContain("\u0000");
    }

    @Test
    void hostMetaPointsAtTheWebFingerTemplateInXrd() {
        WebFingerResponse response = get("/.well-known/host-meta");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/xrd+xml; charset=utf-8");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.bodyText())
                .contains("<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">")
                .contains("<Link rel=\"lrdd\" template=\"https://example.org/.well-known/webfinger?resource={uri}\"/>");
    }

    @Test
    void hostMetaJsonPointsAtTheSameTemplate() throws Exception {
        for (WebFingerResponse response : List.of(
                get("/.well-known/host-meta.json"),
                server.handle(WebFingerRequest.get("/.well-known/host-meta").withAccept("application/json"))
                        .orElseThrow())) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("application/json");
            Jrd hostMeta = Jrd.parse(response.body());
            assertThat(hostMeta.link("lrdd").flatMap(Link::template))
                    .contains("https://example.org/.well-known/webfinger?resource={uri}");
        }
    }

    @Test
    void hostMetaUsesTheConfiguredOrigin() {
        WebFingerServer custom = WebFingerServer.builder()
                .handleHost("example.org")
                .origin(URI.create("http://127.0.0.1:8080/"))
                .resolver(new TestSite())
                .build();

        assertThat(custom.lrddTemplate()).isEqualTo("http://127.0.0.1:8080/.well-known/webfinger?resource={uri}");
        assertThat(custom.hostMeta().bodyText()).contains("template=\"http://127.0.0.1:8080/.well-known/webfinger");
    }

    @Test
    void cacheMaxAgeIsConfigurable() {
        WebFingerServer cached = WebFingerServer.builder()
                .handleHost("example.org")
                .resolver(new TestSite())
                .cacheMaxAge(Duration.ofDays(3))
                .build();

        assertThat(cached.webFinger("resource=acct:org@example.org").header("Cache-Control"))
                .contains("public, max-age=259200");
    }

    @Test
    void builderChecksItsConfiguration() {
        assertThatThrownBy(
                        () -> WebFingerServer.builder().resolver(new TestSite()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("handleHost");
        assertThatThrownBy(() ->
                        WebFingerServer.builder().handleHost("example.org").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("resolver");
        assertThatThrownBy(() -> WebFingerServer.builder().handleHost("exa mple.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handleHost");
        assertThatThrownBy(() -> WebFingerServer.builder().actorHost(null)).hasMessageContaining("actorHost");
        assertThatThrownBy(() -> WebFingerServer.builder().origin(URI.create("https://example.org/path")))
                .hasMessageContaining("origin");
        assertThatThrownBy(() -> WebFingerServer.builder().origin(URI.create("ftp://example.org")))
                .hasMessageContaining("origin");
        assertThatThrownBy(() -> WebFingerServer.builder().cacheMaxAge(Duration.ofSeconds(-1)))
                .hasMessageContaining("cacheMaxAge");
        assertThatThrownBy(() -> WebFingerServer.builder().maxResourceLength(3))
                .hasMessageContaining("maxResourceLength");
        assertThatThrownBy(() -> WebFingerServer.builder().maxQueryLength(3)).hasMessageContaining("maxQueryLength");
    }

    @Test
    void normalisesConfiguredHosts() {
        WebFingerServer mixed = WebFingerServer.builder()
                .handleHost("EXAMPLE.org")
                .resolver(new TestSite())
                .build();

        assertThat(mixed.handleHosts()).containsExactly("example.org");
        assertThat(mixed.webFinger("resource=acct:org@example.org").status()).isEqualTo(200);
    }

    @Test
    void requestRecordRejectsNullsNamingThePart() {
        assertThatThrownBy(() -> new WebFingerRequest("GET", "/x", null, "")).hasMessageContaining("rawQuery");
        assertThatThrownBy(() -> new WebFingerRequest("GET", "/x", "", null)).hasMessageContaining("accept");
        assertThat(WebFingerRequest.get("/a?b=c?d")).isEqualTo(new WebFingerRequest("GET", "/a", "b=c?d", ""));
    }

    @Test
    void responseBodyIsACopy() {
        WebFingerResponse response = server.webFinger("resource=acct:org@example.org");
        response.body()[0] = 'X';

        assertThat(response.bodyText()).startsWith("{");
        assertThat(response.toString()).contains("200");
    }
}
