package dev.herald.webfinger;

import java.net.URI;
import java.util.Optional;

/**
 * A site with one account, {@code @org@example.org}, whose actor lives on {@code www.example.org}: the split
 * domain of the issue. Answers the handle on both hosts and the actor and profile URLs.
 */
final class TestSite implements ResourceResolver {
    static final URI ACTOR = URI.create("https://www.example.org/actor");
    static final URI PROFILE = URI.create("https://www.example.org/@org");
    static final String SUBJECT = "acct:org@example.org";

    private final String handleHost;
    private final URI actor;
    private final URI profile;

    TestSite() {
        this("example.org", ACTOR, PROFILE);
    }

    TestSite(String handleHost, URI actor, URI profile) {
        this.handleHost = handleHost;
        this.actor = actor;
        this.profile = profile;
    }

    @Override
    public Optional<Jrd> resolve(Resource resource) {
        boolean isOrg = resource.kind() == Resource.Kind.URL
                ? resource.uri().equals(actor) || resource.uri().equals(profile)
                : resource.user().map("org"::equalsIgnoreCase).orElse(false);
        return isOrg ? Optional.of(jrd()) : Optional.empty();
    }

    Jrd jrd() {
        return Jrd.builder()
                .subject("acct:org@" + handleHost)
                .alias(actor)
                .alias(profile)
                .property("http://schema.org/name", "Example Org")
                .profilePage(profile)
                .activityPubActor(actor)
                .subscribeTemplate(
                        actor.getScheme() + "://" + actor.getRawAuthority() + "/authorize_interaction?uri={uri}")
                .build();
    }

    static WebFingerServer server() {
        return WebFingerServer.builder()
                .handleHost("example.org")
                .actorHost("www.example.org")
                .resolver(new TestSite())
                .build();
    }
}
