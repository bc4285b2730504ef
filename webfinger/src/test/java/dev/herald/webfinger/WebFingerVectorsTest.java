package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every WebFinger response in {@code ../shared/vectors/webfinger}, read as a client reads it. */
class WebFingerVectorsTest {

    static List<String> vectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(
                Vectors.path("webfinger/mastodon-docs-webfinger-minimal.json").getParent())) {
            return files.map(file -> "webfinger/" + file.getFileName()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void theVectorFolderHoldsTheNineKnownResponses() throws IOException {
        assertThat(vectorFiles())
                .containsExactlyInAnyOrder(
                        "webfinger/gotosocial-webfinger-split-domain.json",
                        "webfinger/mastodon-docs-webfinger-gargron.json",
                        "webfinger/mastodon-docs-webfinger-minimal.json",
                        "webfinger/mastodon-spec-activitypub-webfinger-noncanonical.http.txt",
                        "webfinger/mastodon-spec-activitypub-webfinger-noncanonical.json",
                        "webfinger/mastodon-spec-activitypub-webfinger.http.txt",
                        "webfinger/mastodon-spec-activitypub-webfinger.json",
                        "webfinger/mastodon-spec-webfinger-gnusocial-quitter.http.txt",
                        "webfinger/mastodon-spec-webfinger-gnusocial-quitter.json");
    }

    @ParameterizedTest
    @MethodSource("vectorFiles")
    void everyVectorParsesAndSurvivesARoundTrip(String file) throws Exception {
        Jrd jrd = Jrd.parse(body(file));

        assertThat(jrd.subject()).isPresent();
        assertThat(jrd.links()).isNotEmpty();
        assertThat(Jrd.parse(jrd.toJson())).isEqualTo(jrd);
        assertThat(jrd.toJsonString()).doesNotContain("\\/");
    }

    @ParameterizedTest
    @MethodSource("rawResponses")
    void rawResponsesAreJrdJsonWhoseBodyEqualsTheJsonVector(String file) throws Exception {
        String raw = Vectors.read(file);
        String headers = raw.substring(0, raw.indexOf("\n\n"));

        assertThat(headers).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("Content-Type: application/jrd+json");
        assertThat(Jrd.parse(body(file))).isEqualTo(Jrd.parse(Vectors.read(file.replace(".http.txt", ".json"))));
    }

    static List<String> rawResponses() throws IOException {
        return vectorFiles().stream().filter(f -> f.endsWith(".http.txt")).collect(Collectors.toList());
    }

    private static String body(String file) {
        String text = Vectors.read(file);
        return file.endsWith(".http.txt") ? text.substring(text.indexOf("\n\n") + 2) : text;
    }

    @Test
    void mastodonSpecResponseNamesTheActorAndTheSubscribeTemplate() throws Exception {
        Jrd jrd = Jrd.parse(Vectors.read("webfinger/mastodon-spec-activitypub-webfinger.json"));

        assertThat(jrd.subject()).contains("acct:foo@ap.example.com");
        assertThat(jrd.aliases()).containsExactly("https://ap.example.com/@foo", "https://ap.example.com/users/foo");
        assertThat(jrd.activityPubActor()).contains(URI.create("https://ap.example.com/users/foo"));
        assertThat(jrd.link(Link.REL_SUBSCRIBE).flatMap(Link::template))
                .contains("https://ap.example.com/authorize_follow?acct={uri}");
        assertThat(jrd.link("magic-public-key").flatMap(Link::href))
                .hasValueSatisfying(href -> assertThat(href).startsWith("data:application/magic-public-key,RSA."));
        assertThat(jrd.links()).extracting(Link::rel).hasSize(6);
    }

    @Test
    void noncanonicalResponseHasAnotherSubjectAndAnAliasThatIsNotAUri() throws Exception {
        Jrd jrd = Jrd.parse(Vectors.read("webfinger/mastodon-spec-activitypub-webfinger-noncanonical.json"));

        assertThat(jrd.subjectResource()).contains(Resource.parse("acct:foo@ap2.example.com"));
        assertThat(jrd.subjectResource().orElseThrow()).isNotEqualTo(Resource.parse("acct:foo@ap.example.com"));
        assertThat(jrd.aliases()).contains("foo@ap.example.com");
        assertThat(jrd.activityPubActor()).contains(URI.create("https://ap.example.com/users/foo"));
    }

    @Test
    void gnuSocialResponseWithEscapedSlashesHasNoActor() throws Exception {
        Jrd jrd = Jrd.parse(Vectors.read("webfinger/mastodon-spec-webfinger-gnusocial-quitter.json"));

        assertThat(jrd.subject()).contains("acct:gargron@quitter.no");
        assertThat(jrd.aliases()).first().isEqualTo("https://quitter.no/user/7477");
        assertThat(jrd.link(Link.REL_PROFILE_PAGE).flatMap(Link::href)).contains("https://quitter.no/gargron");
        assertThat(jrd.link(Link.REL_SUBSCRIBE).flatMap(Link::template))
                .contains("https://quitter.no/main/ostatussub?profile={uri}");
        assertThat(jrd.links()).hasSize(12);
        assertThat(jrd.activityPubActor()).isEmpty();
    }

    @Test
    void gargronResponseKeepsTheCaseOfTheUser() throws Exception {
        Jrd jrd = Jrd.parse(Vectors.read("webfinger/mastodon-docs-webfinger-gargron.json"));

        assertThat(jrd.subjectResource().flatMap(Resource::user)).contains("Gargron");
        assertThat(jrd.activityPubActor()).contains(URI.create("https://mastodon.social/users/Gargron"));
        assertThat(jrd.link(Link.REL_SUBSCRIBE).flatMap(Link::template))
                .contains("https://mastodon.social/authorize_interaction?uri={uri}");
    }

    @Test
    void minimalResponseIsEnoughToFindTheActor() throws Exception {
        Jrd jrd = Jrd.parse(Vectors.read("webfinger/mastodon-docs-webfinger-minimal.json"));

        assertThat(jrd.subject()).contains("acct:username@host.example");
        assertThat(jrd.aliases()).isEmpty();
        assertThat(jrd.activityPubActor()).contains(URI.create("https://host.example/accounts/username"));
    }

    @Test
    void goToSocialSplitDomainPutsTheHandleAndTheActorOnDifferentHosts() throws Exception {
        Jrd jrd = Jrd.parse(Vectors.read("webfinger/gotosocial-webfinger-split-domain.json"));

        assertThat(jrd.subjectResource().map(Resource::host)).contains("example.org");
        assertThat(jrd.activityPubActor().map(URI::getHost)).contains("gts.example.org");
        assertThat(jrd.activityPubActor()).contains(URI.create("http://gts.example.org/users/new_account_domain_user"));
    }
}
