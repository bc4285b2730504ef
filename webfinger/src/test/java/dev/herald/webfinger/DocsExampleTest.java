package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The "Serve a handle" example of docs/webfinger.md, verbatim, does what the page says. */
class DocsExampleTest {
    private static WebFingerServer documented() {
        URI actor = URI.create("https://www.python.org/actor/psf");
        WebFingerServer webFinger = WebFingerServer.builder()
                .handleHost("python.org") // the host in @psf@python.org
                .actorHost("www.python.org") // where the actor document lives, if elsewhere
                .resolver(resource -> resource.user()
                        .filter("psf"::equalsIgnoreCase)
                        .map(user -> Jrd.builder()
                                .subject("acct:psf@python.org") // always the canonical handle
                                .alias(actor)
                                .profilePage(URI.create("https://www.python.org/psf/"))
                                .activityPubActor(actor) // rel=self, application/activity+json
                                .build()))
                .build();
        return webFinger;
    }

    @Test
    void servesTheHandleOnBothHostsWithTheCanonicalSubject() throws Exception {
        WebFingerServer webFinger = documented();

        for (String resource : new String[] {"acct:psf@python.org", "acct%3APSF%40www.python.org"}) {
            WebFingerResponse answer = webFinger
                    .handle(WebFingerRequest.get("/.well-known/webfinger?resource=" + resource))
                    .orElseThrow();
            Jrd jrd = Jrd.parse(answer.body());
            assertThat(jrd.subject()).contains("acct:psf@python.org");
            assertThat(jrd.activityPubActor()).contains(URI.create("https://www.python.org/actor/psf"));
        }
        assertThat(webFinger.handle(WebFingerRequest.get("/about"))).isEmpty();
        assertThat(webFinger.hostMeta().bodyText()).contains("https://python.org/.well-known/webfinger?resource={uri}");
    }
}
