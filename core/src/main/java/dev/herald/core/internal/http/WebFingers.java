package dev.herald.core.internal.http;

import dev.herald.core.ActorProfile;
import dev.herald.webfinger.Jrd;
import dev.herald.webfinger.Resource;
import dev.herald.webfinger.WebFingerServer;
import java.net.URI;
import java.util.Optional;

/**
 * The WebFinger server over the site's actors: {@code acct:news@example.org} (any case) and the actor's id or
 * profile URL name the actor; {@code acct:example.org@example.org} and the instance actor's id name the instance
 * actor. Every answer has the subject {@code acct:<username>@<handle host>}, the aliases, a {@code self} link and
 * a profile-page link. With a handle host that differs from the origin's host, both hosts are answered, so that
 * Mastodon's reverse check passes (see {@code docs/webfinger.md}). Not part of the API. Thread-safe.
 */
final class WebFingers {
    private WebFingers() {}

    static WebFingerServer server(Site site) {
        WebFingerServer.Builder builder =
                WebFingerServer.builder().handleHost(site.handleHost()).resolver(resource -> resolve(site, resource));
        if (!site.urls().authority().equalsIgnoreCase(site.handleHost())) {
            builder.actorHost(site.urls().authority());
        }
        return builder.build();
    }

    private static Optional<Jrd> resolve(Site site, Resource resource) {
        if (resource.kind() == Resource.Kind.URL) {
            URI uri = resource.uri();
            if (uri.equals(site.urls().instanceActor())) {
                return Optional.of(instance(site));
            }
            for (ActorProfile profile : site.profiles().values()) {
                if (uri.equals(site.urls().actor(profile.username()))) {
                    return Optional.of(actor(site, profile));
                }
            }
            for (ActorProfile profile : site.profiles().values()) {
                if (profile.profileUrl().map(uri::equals).orElse(false)) {
                    return Optional.of(actor(site, profile));
                }
            }
            return Optional.empty();
        }
        String user = resource.user().orElse("");
        if (user.equalsIgnoreCase(site.documents().instanceUsername())) {
            return Optional.of(instance(site));
        }
        for (ActorProfile profile : site.profiles().values()) {
            if (profile.username().equalsIgnoreCase(user)) {
                return Optional.of(actor(site, profile));
            }
        }
        return Optional.empty();
    }

    private static Jrd actor(Site site, ActorProfile profile) {
        URI id = site.urls().actor(profile.username());
        URI page = profile.profileUrl().orElse(URI.create(site.urls().origin() + "/"));
        return Jrd.builder()
                .subject("acct:" + profile.username() + "@" + site.handleHost())
                .alias(id)
                .alias(page)
                .profilePage(page)
                .activityPubActor(id)
                .build();
    }

    private static Jrd instance(Site site) {
        URI id = site.urls().instanceActor();
        return Jrd.builder()
                .subject("acct:" + site.documents().instanceUsername() + "@" + site.handleHost())
                .alias(id)
                .profilePage(URI.create(site.urls().origin() + "/"))
                .activityPubActor(id)
                .build();
    }
}
