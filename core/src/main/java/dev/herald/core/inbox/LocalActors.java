package dev.herald.core.inbox;

import dev.herald.core.ActorProfile;
import dev.herald.core.actor.ActorUrls;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The site's actors as the inbox needs them: by id, by username. Immutable and thread-safe. */
final class LocalActors {
    private final ActorUrls urls;
    private final Map<String, ActorProfile> profiles;

    LocalActors(ActorUrls urls, Map<String, ActorProfile> profiles) {
        this.urls = urls;
        this.profiles = Map.copyOf(profiles);
    }

    ActorUrls urls() {
        return urls;
    }

    Set<String> usernames() {
        return profiles.keySet();
    }

    Optional<String> username(URI actorId) {
        if (actorId == null) {
            return Optional.empty();
        }
        return profiles.keySet().stream()
                .filter(u -> urls.actor(u).equals(actorId))
                .findFirst();
    }

    Optional<ActorProfile> profile(String username) {
        return Optional.ofNullable(profiles.get(username));
    }

    URI actorId(String username) {
        return urls.actor(username);
    }
}
