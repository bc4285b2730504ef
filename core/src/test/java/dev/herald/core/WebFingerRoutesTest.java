package dev.herald.core;

import static dev.herald.core.TestFederations.answer;
import static dev.herald.core.TestFederations.get;
import static dev.herald.core.TestFederations.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.http.HeraldResponse;
import dev.herald.webfinger.Jrd;
import dev.herald.webfinger.Link;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** WebFinger and host-meta over the configured actors, split-domain aware. */
class WebFingerRoutesTest {
    private static final URI ACTOR = URI.create("https://www.example.org/ap/actors/news");

    private final Federation federation = TestFederations.standard();

    private Jrd lookup(String resource) throws Exception {
        HeraldResponse response = answer(federation, get("/.well-known/webfinger?resource=" + resource, ""));
        assertThat(response.status()).as(resource).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/jrd+json");
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        return Jrd.parse(response.body());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "acct:news@example.org",
                "acct%3Anews%40example.org",
                "acct:NEWS@Example.org",
                "acct:news@www.example.org",
                "https://www.example.org/ap/actors/news",
                "https://www.example.org/news/"
            })
    void everyFormOfTheActorAnswersWithTheCanonicalHandle(String resource) throws Exception {
        Jrd jrd = lookup(resource);
        assertThat(jrd.subject()).contains("acct:news@example.org");
        assertThat(jrd.activityPubActor()).contains(ACTOR);
        assertThat(jrd.link(Link.REL_PROFILE_PAGE).flatMap(Link::hrefUri))
                .contains(URI.create("https://www.example.org/news/"));
        assertThat(jrd.aliases()).contains(ACTOR.toString(), "https://www.example.org/news/");
    }

    @Test
    void theSelfLinkIsActivityJson() throws Exception {
        Link self = lookup("acct:news@example.org").link("self").orElseThrow();
        assertThat(self.type()).contains("application/activity+json");
    }

    @Test
    void mastodonsReverseCheckOnTheActorsHostConfirmsTheSameActor() throws Exception {
        // Mastodon fetches the actor, then asks acct:<preferredUsername>@<host of id>: www.example.org here.
        Jrd reverse = lookup("acct:news@www.example.org");
        assertThat(reverse.subject()).contains("acct:news@example.org");
        Jrd again = lookup(reverse.subject().orElseThrow());
        assertThat(again.subject()).isEqualTo(reverse.subject());
        assertThat(again.activityPubActor()).contains(ACTOR);
    }

    @Test
    void theInstanceActorIsFoundByItsDomainName() throws Exception {
        Jrd jrd = lookup("acct:example.org@example.org");
        assertThat(jrd.subject()).contains("acct:example.org@example.org");
        assertThat(jrd.activityPubActor()).contains(URI.create("https://www.example.org/ap/actor"));
        assertThat(lookup("https://www.example.org/ap/actor").subject()).contains("acct:example.org@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acct:nobody@example.org", "acct:news@other.example", "https://www.example.org/nothing"})
    void unknownResourcesAre404(String resource) {
        assertThat(answer(federation, get("/.well-known/webfinger?resource=" + resource, ""))
                        .status())
                .isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?resource=", "?resource=nonsense", "?resource=acct:%ZZ", "?resource=a&resource=b"})
    void malformedQueriesAre400NotErrors(String query) {
        assertThat(answer(federation, get("/.well-known/webfinger" + query, "")).status())
                .isEqualTo(400);
    }

    @Test
    void withoutAHandleHostTheOriginsHostIsTheHandleHost() throws Exception {
        Federation plain = Federation.builder()
                .origin(URI.create("https://www.example.org"))
                .addActor(TestFederations.news())
                .store(TestFederations.store())
                .build();
        HeraldResponse response = answer(plain, get("/.well-known/webfinger?resource=acct:news@www.example.org", ""));
        assertThat(Jrd.parse(response.body()).subject()).contains("acct:news@www.example.org");
        assertThat(answer(plain, get("/.well-known/webfinger?resource=acct:news@example.org", ""))
                        .status())
                .isEqualTo(404);
        assertThat(plain.handleOf("news")).isEqualTo("@news@www.example.org");
    }

    @Test
    void hostMetaPointsAtTheHandleHostsWebFinger() {
        HeraldResponse xrd = answer(federation, get("/.well-known/host-meta", ""));
        assertThat(xrd.status()).isEqualTo(200);
        assertThat(xrd.bodyText()).contains("https://example.org/.well-known/webfinger?resource={uri}");
        HeraldResponse jsonHostMeta = answer(federation, get("/.well-known/host-meta.json", ""));
        assertThat(json(jsonHostMeta).getJsonArray("links").getJsonObject(0).getString("rel"))
                .isEqualTo("lrdd");
    }
}
