package dev.herald.webfinger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Mastodon's checks against our server on a split domain (handle {@code @org@example.org}, actor on
 * {@code www.example.org}), replayed step by step as app/lib/webfinger.rb and ResolveAccountService perform them
 * (interop-requirements.md B1). One {@link WebFingerServer} serves both hosts.
 */
class MastodonReverseCheckTest {
    private final WebFingerServer server = TestSite.server();

    private Jrd finger(String host, String resource) throws WebFingerException {
        // Mastodon asks https://<host>/.well-known/webfinger?resource=<resource>; the host only decides which
        // server gets the request, and ours serves both.
        assertThat(host).isIn("example.org", "www.example.org");
        WebFingerResponse response = server.handle(WebFingerRequest.get("/.well-known/webfinger?resource=" + resource))
                .orElseThrow();
        assertThat(response.status()).as("%s on %s", resource, host).isEqualTo(200);
        return Jrd.parse(response.body());
    }

    @Test
    void forwardLookupOfTheHandleFindsTheActor() throws Exception {
        Jrd jrd = finger("example.org", "acct:org@example.org");

        assertThat(jrd.subject()).contains("acct:org@example.org");
        assertThat(jrd.activityPubActor()).contains(TestSite.ACTOR);
    }

    @Test
    void reverseCheckFromTheActorHostEndsAtTheSameActor() throws Exception {
        // Mastodon fetched the actor https://www.example.org/actor with preferredUsername "org": it asks the actor's
        // host for acct:org@www.example.org ...
        URI actorId = TestSite.ACTOR;
        Jrd first = finger(actorId.getHost(), "acct:org@" + actorId.getHost());
        Resource subject = first.subjectResource().orElseThrow();

        // ... sees a subject on another domain, asks that domain once more ...
        assertThat(subject.host()).isEqualTo("example.org");
        Jrd second = finger(subject.host(), subject.toString());

        // ... which must confirm the same subject (no second redirect) and point back to the same actor.
        assertThat(second.subjectResource()).contains(subject);
        assertThat(second.activityPubActor()).contains(actorId);
        assertThat(subject.handle()).contains("@org@example.org");
    }

    @Test
    void lookupByActorUrlAlsoGivesTheCanonicalHandle() throws Exception {
        Jrd jrd = finger("www.example.org", TestSite.ACTOR.toString());

        assertThat(jrd.subject()).contains("acct:org@example.org");
        assertThat(jrd.activityPubActor()).contains(TestSite.ACTOR);
    }
}
